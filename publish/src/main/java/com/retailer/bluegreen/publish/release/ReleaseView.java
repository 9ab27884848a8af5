package com.retailer.bluegreen.publish.release;

import com.retailer.bluegreen.publish.AuditRecord;
import com.retailer.bluegreen.publish.ReleaseState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One release as its recorded steps make it: its plan, its state (that of its last transition), its approval and its
 * timeline. Plain Java over the audit ledger's records.
 *
 * @param spec  the plan, recorded with the PLANNED step
 * @param steps every step, oldest first
 */
public record ReleaseView(ReleaseSpec spec, List<ReleaseStep> steps) {

    public ReleaseView {
        steps = List.copyOf(steps);
    }

    /** The release's id. */
    public String id() {
        return spec.releaseId();
    }

    /** The state its last transition entered. */
    public ReleaseState state() {
        return lastTransition().to();
    }

    /** Its last transition. */
    public ReleaseStep lastTransition() {
        return steps.stream().filter(s -> s.kind() == ReleaseStep.Kind.TRANSITION).reduce((a, b) -> b).orElseThrow();
    }

    /** The transition that entered {@code state}, if it did. */
    public Optional<ReleaseStep> entered(ReleaseState state) {
        return steps.stream().filter(s -> s.kind() == ReleaseStep.Kind.TRANSITION && s.to() == state).findFirst();
    }

    /** Its approval, if it has one. */
    public Optional<ReleaseStep> approval() {
        return steps.stream().filter(s -> s.kind() == ReleaseStep.Kind.APPROVAL).findFirst();
    }

    /** Every step as a line, offsets from the first. */
    public String timeline() {
        List<String> lines = new ArrayList<>();
        lines.add("Release " + id() + " (" + spec.candidate().id() + " generation " + spec.generation() + " replacing "
                + spec.live().id() + "): " + state() + ", started " + steps.get(0).at() + ".");
        steps.forEach(s -> lines.add(s.line(steps.get(0).at())));
        return String.join("\n", lines);
    }

    /** Every release the ledger's {@code records} hold, by id, in the order they were planned. */
    public static Map<String, ReleaseView> all(List<AuditRecord> records) {
        Map<String, List<ReleaseStep>> byId = new LinkedHashMap<>();
        records.stream().map(ReleaseStep::of).flatMap(Optional::stream)
                .forEach(s -> byId.computeIfAbsent(s.releaseId(), id -> new ArrayList<>()).add(s));
        Map<String, ReleaseView> views = new LinkedHashMap<>();
        byId.forEach((id, steps) -> {
            ReleaseStep first = steps.get(0);
            AuditRecord firstRecord = records.stream().filter(r -> r.sequence() == first.sequence()).findFirst()
                    .orElseThrow();
            if (first.to() != ReleaseState.PLANNED || !first.evidence().has("plan")) {
                throw ReleaseStep.unreadable(firstRecord, null);
            }
            try {
                views.put(id, new ReleaseView(ReleaseSpec.fromJson(id, first.evidence().get("plan")), steps));
            } catch (RuntimeException e) {
                throw ReleaseStep.unreadable(firstRecord, e);
            }
        });
        return views;
    }

    /**
     * Refuses a promotion by hand ({@code promote}) while a release is open: its candidate is promoted by the release,
     * after its gates and its approval, or not at all. {@code rollback} is never refused.
     *
     * @param release the publisher, whose audit ledger holds the release steps
     * @throws com.retailer.bluegreen.errors.BlueGreenException {@code RELEASE_IN_PROGRESS} naming the release
     */
    public static void requireNoOpenRelease(com.retailer.bluegreen.publish.Release release) {
        open(release.records(ReleaseStep.ACTION)).ifPresent(v -> {
            throw ReleaseErrors.promoteWhileOpen(v);
        });
    }

    /** The release that is not over, if there is one (there is at most one). */
    public static Optional<ReleaseView> open(List<AuditRecord> records) {
        return all(records).values().stream().filter(v -> !v.state().isFinal()).reduce((a, b) -> b);
    }
}
