package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.layout.ReleaseLayout;
import com.retailer.bluegreen.publish.ReleaseOutcome;

/** The result of promote and rollback: what the views serve now, what they served, the audit record. */
record Released(ReleaseOutcome o, ReleaseLayout release) implements CommandResult {

    /** {@code PROMOTED}, {@code ROLLED_BACK}, {@code ALREADY_PROMOTED} or {@code ALREADY_ROLLED_BACK}. */
    @Override
    public String outcome() {
        return o.kind().name();
    }

    @Override
    public String text() {
        String now = o.now().colour().id() + " (release " + o.now().releaseId() + ")";
        String before = o.before().colour() == null ? "nothing"
                : o.before().colour().id() + " (release " + o.before().releaseId() + ")";
        StringBuilder sb = new StringBuilder(switch (o.kind()) {
            case PROMOTED -> "Promoted " + now + " at epoch " + o.now().epoch() + ", replacing " + before + ".";
            case ROLLED_BACK -> "Rolled back to " + now + " at epoch " + o.now().epoch() + ", from " + before + ".";
            case ALREADY_PROMOTED, ALREADY_ROLLED_BACK -> (o.resumed()
                    ? "Completed the unfinished " + (o.kind() == ReleaseOutcome.Kind.ALREADY_PROMOTED ? "promotion"
                    : "rollback") + ": the views serve " + now + " at epoch " + o.now().epoch() + "."
                    : "Nothing to do: the views already serve " + now + " since epoch " + o.now().epoch() + ".");
        });
        sb.append(" Proposed by ").append(o.now().actor()).append(" at ").append(o.now().updatedAt()).append(".\n");
        sb.append(o.switched().isEmpty() ? "No view needed switching; "
                : "Switched " + String.join(", ", o.switched().keySet()) + "; ")
                .append("views of ").append(release.publishedSchema()).append(" read:\n");
        o.views().forEach((view, table) -> sb.append("  ").append(view).append(" <- ").append(table).append('\n'));
        sb.append("Audit record ").append(o.record().sequence()).append(" (").append(o.record().action())
                .append(", epoch ").append(o.record().epoch()).append(", hash ").append(o.record().hash())
                .append(") in ").append(release.auditLedgerLocation()).append('.');
        if (!o.kept().isEmpty()) {
            sb.append("\nStill published although the contract file no longer lists them (the contract only grows): ")
                    .append(String.join(", ", o.kept())).append('.');
        }
        return sb.toString();
    }

    @Override
    public void json(ObjectNode n) {
        n.put("resumed", o.resumed()).put("colour", o.now().colour().id()).put("releaseId", o.now().releaseId())
                .put("epoch", o.now().epoch()).put("actor", o.now().actor())
                .put("proposedAt", String.valueOf(o.now().updatedAt()));
        ObjectNode previous = n.putObject("previous");
        previous.put("colour", o.before().colour() == null ? null : o.before().colour().id())
                .put("releaseId", o.before().releaseId()).put("epoch", o.before().epoch());
        o.switched().keySet().forEach(n.putArray("switched")::add);
        ObjectNode views = n.putObject("views");
        o.views().forEach(views::put);
        o.kept().forEach(n.putArray("kept")::add);
        n.putObject("auditRecord").put("sequence", o.record().sequence()).put("action", o.record().action())
                .put("epoch", o.record().epoch()).put("hash", o.record().hash())
                .put("ledger", release.auditLedgerLocation());
    }
}
