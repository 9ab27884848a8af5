package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.Colour;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a promotion or rollback will do, decided from one read of the release state and the catalog, with nothing
 * changed yet: {@link Release#planPromotion} and {@link Release#planRollback} make it (and refuse what they must),
 * {@link Release#execute} carries it out, and {@code --dry-run} prints it ({@link #describe()}). Immutable.
 *
 * @param action        {@code PROMOTE} or {@code ROLLBACK}
 * @param resume        true when the desired state already is this action's (an earlier run proposed it and died):
 *                      execution records what is unrecorded and converges the views, proposing nothing
 * @param snapshot      the release state read (desired state and audit records)
 * @param colour        the colour the views will serve
 * @param releaseId     the release they will serve
 * @param epoch         the epoch that state will have (the current one plus one, or the current one on resume)
 * @param contract      the contract the views will publish, with what it keeps from earlier contracts
 * @param selects       per view, in contract order, the query it will hold
 * @param current       per view, what it serves now
 * @param tableVersions the Delta version of each source table now, recorded with the action
 * @param admission     what admitted a promotion (the gate report); empty for a rollback
 * @param recovered     epochs before the new one that no run recorded; execution records them first
 */
public record ReleasePlan(String action, boolean resume, ReleaseSnapshot snapshot, Colour colour, String releaseId,
                          long epoch, EffectiveContract contract, Map<String, String> selects,
                          Map<String, PublishedViews.Serving> current, Map<String, Long> tableVersions,
                          Map<String, String> admission, List<Long> recovered) {

    public ReleasePlan {
        selects = Collections.unmodifiableMap(new LinkedHashMap<>(selects));
        current = Collections.unmodifiableMap(new LinkedHashMap<>(current));
        tableVersions = Map.copyOf(tableVersions);
        admission = Collections.unmodifiableMap(new LinkedHashMap<>(admission));
        recovered = List.copyOf(recovered);
    }

    /** The desired state found, which the new epoch follows (or is, on resume). */
    public DesiredState before() {
        return snapshot.desired();
    }

    /** The views that do not serve the planned query yet, in contract order: those execution will switch. */
    public List<String> stale() {
        List<String> out = new ArrayList<>();
        selects.forEach((view, select) -> {
            PublishedViews.Serving now = current.get(view);
            if (now == null || !now.text().map(select::equals).orElse(false)) {
                out.add(view);
            }
        });
        return out;
    }

    /** The plan for people: what will change, what will be recorded, and that nothing was changed yet. */
    public String describe() {
        DesiredState b = before();
        String target = colour.id() + " (release " + releaseId + ")";
        String from = b.colour() == null ? "nothing" : b.colour().id() + " (release " + b.releaseId() + ", epoch "
                + b.epoch() + ")";
        StringBuilder sb = new StringBuilder();
        if (resume) {
            sb.append("Plan: complete the unfinished ").append(action.equals(ReleaseSnapshot.PROMOTE) ? "promotion"
                    : "rollback").append(" to ").append(target).append(" at epoch ").append(epoch).append('.');
        } else {
            sb.append("Plan: ").append(action.equals(ReleaseSnapshot.PROMOTE) ? "promote " : "roll back to ")
                    .append(target).append(" at epoch ").append(epoch).append(", replacing ").append(from)
                    .append('.');
        }
        if (!admission.isEmpty()) {
            sb.append("\n  admitted by: ").append(admission);
        }
        List<String> stale = stale();
        sb.append("\n  views to switch: ").append(stale.isEmpty() ? "none (every view serves it already)"
                : String.join(", ", stale));
        selects.keySet().forEach(v -> sb.append("\n    ").append(v).append(" <- ")
                .append(Optional.ofNullable(current.get(v)).flatMap(PublishedViews.Serving::sourceTable)
                        .orElse("(no view yet)")).append(stale.contains(v) ? "  =>  " + sourceOf(selects.get(v))
                        : "  (unchanged)"));
        if (!contract.kept().isEmpty()) {
            sb.append("\n  still published though the contract file no longer lists them: ")
                    .append(String.join(", ", contract.kept()));
        }
        if (!recovered.isEmpty()) {
            sb.append("\n  records first the epochs no run recorded: ").append(recovered);
        }
        if (!resume || snapshot.recordOf(epoch).isEmpty()) {
            sb.append("\n  audit: one ").append(action).append(" record of epoch ").append(epoch)
                    .append(" with table versions ").append(tableVersions);
        }
        sb.append("\nNothing was changed (dry run).");
        return sb.toString();
    }

    private static String sourceOf(String select) {
        int from = select.lastIndexOf(" FROM ");
        return from < 0 ? select : select.substring(from + " FROM ".length());
    }
}
