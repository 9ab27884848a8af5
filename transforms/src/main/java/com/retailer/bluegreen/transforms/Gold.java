package com.retailer.bluegreen.transforms;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;

import com.retailer.bluegreen.storage.DeltaTxn;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Applies one Gold micro-batch: per Gold table, the signed contributions are summed per key into deltas and
 * MERGEd in one commit carrying (appId, batchId). A row whose count measure reaches zero is deleted. Gold never
 * reads Silver's current state, so a replayed batch computes exactly the same deltas.
 */
public final class Gold {
    private Gold() {
    }

    /** Names of the Gold tables, in the order {@link #apply} writes them. */
    public static List<String> tables() {
        return GoldTable.all(Features.NONE).stream().map(GoldTable::table).toList();
    }

    /**
     * Writes each Gold table that has a non-zero delta in this batch.
     *
     * @param features   the colour's transform features (which measures each table maintains)
     * @param locationOf table name → Delta location
     * @param appIdOf table name → txnAppId
     * @param afterEach called after each table's write (fault injection and progress)
     */
    public static void apply(Dataset<Row> feedBatch, long batchId, Features features,
                             Function<String, String> locationOf, Function<String, String> appIdOf,
                             java.util.function.Consumer<String> afterEach) {
        for (GoldTable g : GoldTable.all(features)) {
            Dataset<Row> deltas = deltas(feedBatch, g).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                if (!deltas.isEmpty()) {
                    DeltaTxn.write(feedBatch.sparkSession(), appIdOf.apply(g.table()), batchId,
                            () -> merge(deltas, g, locationOf.apply(g.table())));
                }
            } finally {
                deltas.unpersist();
            }
            afterEach.accept(g.table());
        }
    }

    static Dataset<Row> deltas(Dataset<Row> feedBatch, GoldTable g) {
        List<Column> keys = new ArrayList<>();
        for (int i = 0; i < g.keys().size(); i++) {
            keys.add(col(g.feedKeys().get(i)).as(g.keys().get(i)));
        }
        List<Column> sums = new ArrayList<>();
        for (int i = 0; i < g.measures().size(); i++) {
            sums.add(sum(col("m" + (i + 1))).as(g.measures().get(i)));
        }
        String anyNonZero = g.measures().stream().map(m -> m + " <> 0").collect(Collectors.joining(" OR "));
        return feedBatch.where(col("src").equalTo(g.src()))
                .groupBy(keys.toArray(Column[]::new))
                .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new))
                .where(anyNonZero);
    }

    private static void merge(Dataset<Row> deltas, GoldTable g, String location) {
        String on = g.keys().stream().map(k -> "t." + k + " <=> s." + k).collect(Collectors.joining(" AND "));
        Map<String, String> add = new LinkedHashMap<>();
        Map<String, String> insert = new LinkedHashMap<>();
        for (String k : g.keys()) {
            insert.put(k, "s." + k);
        }
        for (String m : g.measures()) {
            add.put(m, "t." + m + " + s." + m);
            insert.put(m, "s." + m);
        }
        String c = g.countMeasure();
        DeltaTable.forPath(deltas.sparkSession(), location).as("t").merge(deltas.as("s"), on)
                .whenMatched("t." + c + " + s." + c + " = 0").delete()
                .whenMatched().updateExpr(add)
                .whenNotMatched("s." + c + " <> 0").insertExpr(insert)
                .execute();
    }
}
