package com.retailer.bluegreen.publish.spark;

import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.SqlNames;
import com.retailer.bluegreen.publish.ConcurrentPromotionException;
import com.retailer.bluegreen.publish.ControlStore;
import com.retailer.bluegreen.publish.DesiredState;
import com.retailer.bluegreen.publish.PublishErrors;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ControlStore} on Delta: the publisher's desired state ({@link DesiredState}: active colour, epoch, release
 * id, when, by whom) in a one-row Delta table at a path ({@code <storage>/<pipeline>/control/publish_state}).
 *
 * <h2>How proposals are serialised</h2>
 * {@link #propose} reads the row at the table's latest version and, if its epoch is the one expected, commits one
 * MERGE that rewrites the row to epoch + 1 on the condition that it still holds the expected epoch. Of two
 * proposals from the same epoch exactly one commits, exactly as for {@link AuditLedger#append(com.retailer.bluegreen.publish.AuditDraft, Runnable)} (read it
 * for the full argument):
 * <ul>
 *   <li>if both MERGEs start from the same table version, both rewrite the table's one row, and Delta's optimistic
 *       concurrency check fails the later commit;</li>
 *   <li>if the later MERGE starts after the earlier committed, Delta skips it without committing: every proposal
 *       commits as Delta idempotent writer ({@code txnAppId = bluegreen.publish_state}, {@code txnVersion} = the
 *       table version it read), and should something else commit in between, the MERGE's epoch condition still
 *       matches no row.</li>
 * </ul>
 * Either way the loser gets a {@link ConcurrentPromotionException} and the table is unchanged.
 *
 * <p>The table works in a session of its own (derived from the one given), so its idempotent-writer settings never
 * reach the caller's writes. One instance may be shared by threads; its proposals then take turns.
 */
public final class ControlTable implements ControlStore {
    private static final Logger LOG = LoggerFactory.getLogger(ControlTable.class);
    static final String APP_ID = "bluegreen.publish_state";
    /** The key of the table's one row. */
    private static final String ROW_ID = "desired";
    private static final StructType SOURCE = DataTypes.createStructType(List.of(
            DataTypes.createStructField("id", DataTypes.StringType, false),
            DataTypes.createStructField("expected_epoch", DataTypes.LongType, false),
            DataTypes.createStructField("colour", DataTypes.StringType, false),
            DataTypes.createStructField("release_id", DataTypes.StringType, false),
            DataTypes.createStructField("actor", DataTypes.StringType, false)));

    private final SparkSession spark;
    private final SparkSession session;
    private final String location;
    private final Runnable beforeCommit;

    /**
     * The control table at {@code location}, existing or not. {@code beforeCommit} runs in every proposal between
     * reading the table and committing (a test's pause, to make two proposals race).
     */
    public ControlTable(SparkSession spark, String location, Runnable beforeCommit) {
        this.spark = spark;
        this.session = LedgerTable.isolatedSession(spark);
        this.location = location;
        this.beforeCommit = beforeCommit;
    }

    /** The control table at {@code location}, existing or not. */
    public ControlTable(SparkSession spark, String location) {
        this(spark, location, () -> { });
    }

    /** The control table at {@code location}; {@link IllegalStateException} if there is none. */
    public static ControlTable open(SparkSession spark, String location) {
        if (!DeltaTable.isDeltaTable(spark, location)) {
            throw PublishErrors.noControlTable(location);
        }
        return new ControlTable(spark, location, () -> { });
    }

    /**
     * The control table at {@code location}, created at epoch 0 (no colour) in one commit if there is none. Safe
     * to call from several processes at once: one creates it, the others open it.
     */
    public static ControlTable openOrCreate(SparkSession spark, String location) {
        LedgerTable.createOnce(spark, location, "CREATE TABLE IF NOT EXISTS " + SqlNames.pathIdentifier(location)
                + " USING delta COMMENT 'Publisher desired state: one row; write only through ControlTable'"
                + " AS SELECT '" + ROW_ID + "' AS id, CAST(NULL AS STRING) AS colour,"
                + " CAST(0 AS BIGINT) AS epoch, CAST(NULL AS STRING) AS release_id,"
                + " current_timestamp() AS updated_at, CAST(NULL AS STRING) AS actor",
                "Publish control table " + location + ": created at epoch 0");
        return open(spark, location);
    }

    @Override
    public void createIfAbsent() {
        LedgerTable.retryCreation(() -> openOrCreate(spark, location));
    }

    @Override
    public String location() {
        return location;
    }

    /** The desired state at the table's latest version; {@link DesiredState#NONE} when there is no table. */
    @Override
    public DesiredState desired() {
        if (!DeltaTable.isDeltaTable(spark, location)) {
            return DesiredState.NONE;
        }
        return state(session.read().format("delta").load(location));
    }

    /**
     * Earlier desired states, from the table's Delta history: every accepted proposal is one commit, so time travel
     * gives the state each epoch had. Read from the newest version back, only as far as needed; commits that did
     * not move the epoch (a no-op MERGE) are read and skipped.
     */
    @Override
    public SortedMap<Long, DesiredState> statesAfter(long afterEpoch) {
        TreeMap<Long, DesiredState> out = new TreeMap<>();
        if (!DeltaTable.isDeltaTable(spark, location)) {
            return out;
        }
        List<Long> versions = DeltaTable.forPath(session, location).history().select("version").orderBy("version")
                .as(Encoders.LONG()).collectAsList();
        for (int i = versions.size() - 1; i >= 0; i--) {
            DesiredState state = state(session.read().format("delta").option("versionAsOf", versions.get(i))
                    .load(location));
            if (state.epoch() <= afterEpoch) {
                break;
            }
            out.putIfAbsent(state.epoch(), state);
        }
        return out;
    }

    /**
     * Moves the desired state to {@code colour} serving {@code releaseId}, at epoch {@code expectedEpoch + 1}, if
     * and only if the current epoch is {@code expectedEpoch}; one Delta commit.
     *
     * @return the new desired state
     * @throws ConcurrentPromotionException if the epoch is not (or no longer) {@code expectedEpoch}: another
     *                                      proposal won; nothing was changed
     */
    @Override
    public synchronized DesiredState propose(long expectedEpoch, Colour colour, String releaseId, String actor) {
        if (releaseId == null || releaseId.isBlank()) {
            throw PublishErrors.noReleaseId(); // refused before anything is read
        }
        long readVersion = DeltaTable.forPath(session, location).history(1).first().<Long>getAs("version");
        DesiredState read = state(session.read().format("delta").option("versionAsOf", readVersion).load(location));
        if (read.epoch() != expectedEpoch) {
            throw PublishErrors.concurrentProposal(location, expectedEpoch, read.epoch(), null);
        }
        beforeCommit.run();
        // Stamped here rather than by current_timestamp(), so the new state is known without reading it back.
        Instant at = Instant.now().truncatedTo(ChronoUnit.MICROS);
        List<Row> metrics = LedgerTable.commitOnce(session, APP_ID, readVersion,
                () -> merge(expectedEpoch, colour, releaseId, actor, at),
                conflict -> PublishErrors.concurrentProposal(location, expectedEpoch, null, conflict));
        // No metrics: Delta skipped the MERGE because a proposal that read this version or later committed since.
        long updated = metrics.isEmpty() ? 0 : metrics.get(0).<Long>getAs("num_updated_rows");
        if (updated != 1) {
            throw PublishErrors.concurrentProposal(location, expectedEpoch, null, null);
        }
        DesiredState now = new DesiredState(colour, expectedEpoch + 1, releaseId, at, actor);
        LOG.info("Publish control table {}: epoch {} -> {}: {} release {} by {}", location, expectedEpoch,
                now.epoch(), now.colour(), now.releaseId(), now.actor());
        return now;
    }

    private Dataset<Row> merge(long expectedEpoch, Colour colour, String releaseId, String actor, Instant at) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        Dataset<Row> source = session.createDataFrame(
                List.of(RowFactory.create(ROW_ID, expectedEpoch, colour.id(), releaseId, actor)), SOURCE);
        return DeltaTable.forPath(session, location).as("t")
                .merge(source.as("s"), "t.id = s.id AND t.epoch = s.expected_epoch")
                .whenMatched()
                .updateExpr(Map.of("colour", "s.colour", "epoch", "s.expected_epoch + 1",
                        "release_id", "s.release_id", "updated_at", "timestamp_micros(" + micros + ")",
                        "actor", "s.actor"))
                .execute();
    }

    private DesiredState state(Dataset<Row> table) {
        List<Row> rows = table.collectAsList();
        if (rows.size() != 1) {
            throw PublishErrors.controlRows(location, rows.size());
        }
        Row r = rows.get(0);
        String colour = r.getAs("colour");
        Object at = r.getAs("updated_at");
        Instant updatedAt = at == null ? null : at instanceof Timestamp t ? t.toInstant() : (Instant) at;
        return new DesiredState(colour == null ? null : Colour.parse(colour), r.<Long>getAs("epoch"),
                r.getAs("release_id"), updatedAt, r.getAs("actor"));
    }
}
