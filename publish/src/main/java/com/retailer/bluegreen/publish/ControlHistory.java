package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.Colour;
import io.delta.tables.DeltaTable;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.TreeMap;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Earlier desired states of the control table, from its Delta history: every accepted proposal is one commit, so
 * time travel gives the state each epoch had. Used only to record epochs a crashed run proposed but did not record.
 */
final class ControlHistory {

    private ControlHistory() {
    }

    /**
     * The desired state of each epoch above {@code afterEpoch}, by epoch, read from the newest version back (only
     * as far as needed). Commits that did not move the epoch (a no-op MERGE) are read and skipped.
     */
    static TreeMap<Long, DesiredState> statesAfter(SparkSession spark, String location, long afterEpoch) {
        TreeMap<Long, DesiredState> out = new TreeMap<>();
        List<Long> versions = DeltaTable.forPath(spark, location).history().select("version").orderBy("version")
                .as(Encoders.LONG()).collectAsList();
        for (int i = versions.size() - 1; i >= 0; i--) {
            Row r = spark.read().format("delta").option("versionAsOf", versions.get(i)).load(location).first();
            long epoch = r.<Long>getAs("epoch");
            if (epoch <= afterEpoch) {
                break;
            }
            out.putIfAbsent(epoch, state(r));
        }
        return out;
    }

    private static DesiredState state(Row r) {
        String colour = r.getAs("colour");
        Object at = r.getAs("updated_at");
        Instant updatedAt = at == null ? null : at instanceof Timestamp t ? t.toInstant() : (Instant) at;
        return new DesiredState(colour == null ? null : Colour.parse(colour), r.<Long>getAs("epoch"),
                r.getAs("release_id"), updatedAt, r.getAs("actor"));
    }
}
