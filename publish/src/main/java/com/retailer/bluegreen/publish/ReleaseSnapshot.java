package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.Colour;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The release state one action decides on: the control table's desired state and the audit ledger's records. An
 * epoch is <em>settled</em> once the ledger holds its record; the desired state's epoch is unsettled between the
 * proposal and its record (an action in progress, or one whose run died there). Plain Java.
 *
 * @param desired the desired state ({@link #NONE} when the control table does not exist yet)
 * @param records the audit records of promotions and rollbacks, in ledger order
 * @param reports the gate reports ({@value #VALIDATE} records), in ledger order; other records (maintenance such as
 *                a forced VACUUM) belong to neither
 */
public record ReleaseSnapshot(DesiredState desired, List<AuditRecord> records, List<AuditRecord> reports) {
    static final String PROMOTE = "PROMOTE";
    static final String ROLLBACK = "ROLLBACK";
    /** The action of a record of an operation outside the release, on its evidence (say a forced VACUUM). */
    public static final String MAINTENANCE = "MAINTENANCE";
    /** The action of a gate report record ({@code validate}); it records no epoch of its own. */
    public static final String VALIDATE = "VALIDATE";
    /** The state before anything was ever proposed. */
    static final DesiredState NONE = DesiredState.NONE;

    public ReleaseSnapshot {
        records = List.copyOf(records);
        reports = List.copyOf(reports);
    }

    /**
     * The state from the ledger's records in ledger order: promotions and rollbacks make the epochs; gate reports
     * are kept apart.
     */
    ReleaseSnapshot(DesiredState desired, List<AuditRecord> all) {
        this(desired, all.stream().filter(ReleaseSnapshot::isEpoch).toList(),
                all.stream().filter(r -> r.action().equals(VALIDATE)).toList());
    }

    /** Whether {@code r} is the record of an epoch: a promotion or a rollback. */
    static boolean isEpoch(AuditRecord r) {
        return r.action().equals(PROMOTE) || r.action().equals(ROLLBACK);
    }

    /** The record of {@code epoch}, if the ledger has one. */
    Optional<AuditRecord> recordOf(long epoch) {
        return records.stream().filter(r -> r.epoch() == epoch).findFirst();
    }

    /** The highest recorded epoch; 0 when nothing is recorded. */
    long lastRecordedEpoch() {
        return records.stream().mapToLong(AuditRecord::epoch).max().orElse(0);
    }

    /** Whether the desired state's epoch is recorded (always, at epoch 0). */
    boolean settled() {
        return desired.epoch() == 0 || recordOf(desired.epoch()).isPresent();
    }

    /** The latest record before {@code epoch}. */
    Optional<AuditRecord> latestBefore(long epoch) {
        return records.stream().filter(r -> r.epoch() < epoch).max(Comparator.comparingLong(AuditRecord::epoch));
    }

    /** The latest record before {@code epoch} that moved the views to {@code colour} with a release id. */
    Optional<AuditRecord> latestServing(Colour colour, long epoch) {
        return records.stream()
                .filter(r -> r.epoch() < epoch && colour.id().equals(r.toColour()) && r.releaseId() != null)
                .max(Comparator.comparingLong(AuditRecord::epoch));
    }

    /** The contract the latest record carrying one published: what consumers may rely on. */
    Optional<Contract> storedContract() {
        return records.stream().sorted(Comparator.comparingLong(AuditRecord::epoch).reversed())
                .map(r -> ContractJson.fromDetails(r.details())).flatMap(Optional::stream).findFirst();
    }

    /**
     * The action that produced {@code state}, for an epoch whose run died before recording it: a rollback when it
     * returns the views to a colour and release they served before, away from the latest recorded colour;
     * otherwise a promotion.
     */
    String inferredAction(DesiredState state) {
        boolean restores = latestServing(state.colour(), state.epoch())
                .map(r -> r.releaseId().equals(state.releaseId())).orElse(false);
        boolean leaves = latestBefore(state.epoch()).map(r -> !state.colour().id().equals(r.toColour()))
                .orElse(false);
        return restores && leaves ? ROLLBACK : PROMOTE;
    }

    /** The action that produced the desired state: as recorded, or {@link #inferredAction inferred}. */
    String desiredAction() {
        return recordOf(desired.epoch()).map(AuditRecord::action).orElseGet(() -> inferredAction(desired));
    }
}
