package com.retailer.bluegreen.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract a release publishes: everything an earlier release published (the stored contract, kept in the
 * audit ledger) grown by the contract file. Consumers may rely on every view and column ever published, so a file
 * that no longer lists one does not remove it: it stays, in its place, and a colour without it publishes a typed
 * NULL. Plain Java.
 *
 * @param contract  the contract to publish: the stored views and columns in their order, the file's new columns
 *                  after them, then the file's new views; each view reads the source table the file names (or
 *                  the stored one, for a view the file dropped)
 * @param kept      what the file dropped and is published anyway, e.g. {@code "orders.channel (STRING)"}
 * @param conflicts columns whose type the file changed, kept at the published type (only when not strict)
 */
public record EffectiveContract(Contract contract, List<String> kept, List<String> conflicts) {

    public EffectiveContract {
        kept = List.copyOf(kept);
        conflicts = List.copyOf(conflicts);
    }

    /**
     * {@code stored} grown by {@code file}.
     *
     * @param strict whether a changed type refuses the merge ({@link ContractException}: a promotion) or keeps the
     *               published type and reports it (a rollback must not be blocked by a contract file edit)
     */
    static EffectiveContract merge(Optional<Contract> stored, Contract file, boolean strict) {
        if (stored.isEmpty()) {
            return new EffectiveContract(file, List.of(), List.of());
        }
        List<String> kept = new ArrayList<>();
        List<String> conflicts = new ArrayList<>();
        Map<String, Contract.View> out = new LinkedHashMap<>();
        for (Contract.View old : stored.get().views().values()) {
            Contract.View now = file.views().get(old.name());
            if (now == null) {
                kept.add("view " + old.name());
                out.put(old.name(), old);
                continue;
            }
            List<Contract.Column> columns = new ArrayList<>();
            for (Contract.Column c : old.columns()) {
                Optional<Contract.Column> still = now.column(c.name());
                if (still.isEmpty()) {
                    kept.add(old.name() + "." + c.name() + " (" + c.type() + ")");
                } else if (!still.get().type().equals(c.type())) {
                    if (strict) {
                        throw PublishErrors.typeChanged(old.name(), c, still.get().type());
                    }
                    conflicts.add(old.name() + "." + c.name() + " is " + c.type() + " (published), "
                            + still.get().type() + " in the contract file");
                }
                columns.add(c);
            }
            now.columns().stream().filter(c -> old.column(c.name()).isEmpty()).forEach(columns::add);
            out.put(old.name(), new Contract.View(old.name(), now.sourceTable(), columns));
        }
        file.views().values().stream().filter(v -> !out.containsKey(v.name())).forEach(v -> out.put(v.name(), v));
        Contract merged = stored.get().grow(new Contract(out));
        return new EffectiveContract(merged, kept, conflicts);
    }
}
