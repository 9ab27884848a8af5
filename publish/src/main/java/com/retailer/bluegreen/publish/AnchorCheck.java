package com.retailer.bluegreen.publish;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Compares the ledger's records with its anchor ({@link LedgerAnchor}). Plain Java.
 *
 * <p>Every anchored sequence must be a record of the ledger holding the anchored hash: a record rewritten after it was
 * anchored (even with every hash after it recomputed, so the chain verifies) no longer matches, and a ledger shorter
 * than its anchor was truncated (records deleted, or the table restored to an earlier version). An entry anchored
 * twice must hold the same hash both times. Records the anchor does not hold yet: the last one may be <em>pending</em>
 * (its run committed it and stopped before anchoring it; the next append anchors it, saying so in the anchor's
 * note); more than one unanchored record, or a gap inside the anchor, means records were added around the ledger or
 * entries removed from the anchor.
 */
final class AnchorCheck {

    private AnchorCheck() {
    }

    /**
     * The comparison of {@code records} (as stored) with {@code entries}.
     *
     * @param problems every disagreement
     * @param pending  the last record, when it is the one record not anchored yet (and nothing else is wrong with it)
     */
    record Comparison(List<AuditProblem> problems, Optional<AuditRecord> pending) {
    }

    static Comparison compare(String anchorLocation, List<AuditRecord> records, List<AnchorEntry> entries) {
        List<AuditProblem> problems = new ArrayList<>();
        Map<Long, AuditRecord> bySequence = new LinkedHashMap<>();
        records.forEach(r -> bySequence.putIfAbsent(r.sequence(), r));
        TreeMap<Long, AnchorEntry> anchored = new TreeMap<>();
        for (AnchorEntry e : entries) {
            AnchorEntry earlier = anchored.putIfAbsent(e.sequence(), e);
            if (earlier != null && !earlier.hash().equals(e.hash())) {
                problems.add(AuditProblem.anchor(anchorLocation, e.sequence(), "anchored twice with different"
                        + " hashes (" + earlier.hash() + " at " + earlier.anchoredAt() + ", " + e.hash() + " at "
                        + e.anchoredAt() + "): two records were written as record " + e.sequence()
                        + ", one of them around the ledger"));
            }
        }
        long lastRecord = records.stream().mapToLong(AuditRecord::sequence).max().orElse(0);
        long lastAnchored = anchored.isEmpty() ? 0 : anchored.lastKey();
        if (lastAnchored > lastRecord) {
            AnchorEntry last = anchored.lastEntry().getValue();
            problems.add(AuditProblem.anchor(anchorLocation, lastRecord + 1, "the ledger ends at record "
                    + lastRecord + " but the anchor holds records up to " + lastAnchored + " (record "
                    + lastAnchored + " anchored at " + last.anchoredAt() + " with hash " + last.hash() + "): the"
                    + " ledger was truncated (records deleted, or the table restored to an earlier version)"));
        }
        List<Long> mismatched = new ArrayList<>();
        String firstMismatch = null;
        for (long s = 1; s <= Math.min(lastAnchored, lastRecord); s++) {
            AnchorEntry e = anchored.get(s);
            AuditRecord r = bySequence.get(s);
            if (e == null) {
                problems.add(AuditProblem.anchor(anchorLocation, s, "record " + s + " is not anchored although"
                        + " records after it are: an entry was removed from the anchor"));
            } else if (r == null) {
                problems.add(AuditProblem.anchor(anchorLocation, s, "record " + s + " is missing from the ledger;"
                        + " the anchor holds it (hash " + e.hash() + ", anchored at " + e.anchoredAt() + ")"));
            } else if (!e.hash().equals(r.hash())) {
                if (firstMismatch == null) {
                    firstMismatch = "record " + s + " does not match its anchor: the ledger holds hash " + r.hash()
                            + " but " + e.hash() + " was anchored at " + e.anchoredAt() + " when it was written;"
                            + " it was rewritten afterwards (a chain whose hashes were recomputed verifies on its"
                            + " own, but not against the anchor)";
                }
                mismatched.add(s);
            }
        }
        if (!mismatched.isEmpty()) {
            int more = mismatched.size() - 1;
            problems.add(AuditProblem.anchor(anchorLocation, mismatched.get(0), firstMismatch + (more == 0 ? ""
                    : "; " + more + " later record" + (more == 1 ? "" : "s") + " (" + span(mismatched.subList(1,
                    mismatched.size())) + ") do not match either")));
        }
        Optional<AuditRecord> pending = Optional.empty();
        if (lastRecord > lastAnchored) {
            if (lastRecord == lastAnchored + 1 && bySequence.containsKey(lastRecord)) {
                pending = Optional.of(bySequence.get(lastRecord));
            } else {
                problems.add(AuditProblem.anchor(anchorLocation, lastAnchored + 1, "records " + (lastAnchored + 1)
                        + " to " + lastRecord + " are not anchored: an append anchors its record as soon as it is"
                        + " committed, and the next append anchors one its run left unanchored, so more than one"
                        + " were added around the ledger (or removed from the anchor)"));
            }
        }
        return new Comparison(problems, pending);
    }

    /** The pending record as a problem: what {@code audit verify} says about it. */
    static AuditProblem pendingProblem(String anchorLocation, AuditRecord pending) {
        return AuditProblem.anchor(anchorLocation, pending.sequence(), "record " + pending.sequence() + " (the last,"
                + " " + pending.action() + " at " + pending.at() + ") is not anchored yet: the run that appended it"
                + " stopped before anchoring it, or it was added around the ledger. The next promotion, rollback or"
                + " validate anchors it with a note saying so; before that, check in the ledger's history who"
                + " committed it");
    }

    private static String span(List<Long> sequences) {
        return sequences.size() == 1 ? "record " + sequences.get(0)
                : "records " + sequences.get(0) + " to " + sequences.get(sequences.size() - 1);
    }
}
