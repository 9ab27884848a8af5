package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.layout.CheckpointInspector;
import com.retailer.bluegreen.layout.CheckpointState;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.KafkaLag;
import com.retailer.bluegreen.layout.PartitionLag;
import com.retailer.bluegreen.layout.Query;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;

/**
 * Reads a colour's checkpoints (last committed batch, Kafka offsets) and the topics' end offsets: per-partition
 * lag of each domain query, so a stuck partition cannot hide behind fresh ones. Plain Java, no Spark.
 */
public final class Inspect {
    private Inspect() {
    }

    /** One query's position; {@code lag} is empty for the Gold query (it reads Delta, not Kafka). */
    public record QueryStatus(Query query, String checkpoint, Optional<Long> lastCommittedBatch,
                              Optional<KafkaLag> lag) {
    }

    public static List<QueryStatus> statuses(PipelineConfig config, Colour colour) {
        ColourLayout layout = config.layout(colour);
        List<QueryStatus> out = new ArrayList<>();
        try (Admin admin = KafkaAdmins.create(config)) {
            KafkaLag.OffsetSource offsets = KafkaLag.offsetsFrom(admin, Duration.ofSeconds(30));
            for (Domain d : Domain.values()) {
                String location = layout.checkpointLocation(d.query());
                CheckpointState state = CheckpointInspector.inspect(Path.of(location));
                KafkaLag lag = KafkaLag.compute(Set.of(config.kafka().topics().get(d)), state.kafkaOffsets(),
                        offsets);
                out.add(new QueryStatus(d.query(), location, state.lastCommittedBatch(), Optional.of(lag)));
            }
        }
        String gold = layout.checkpointLocation(Query.GOLD);
        out.add(new QueryStatus(Query.GOLD, gold, CheckpointInspector.inspect(Path.of(gold)).lastCommittedBatch(),
                Optional.empty()));
        return out;
    }

    static int print(PipelineConfig config, Colour colour, boolean json, PrintStream out) throws Exception {
        List<QueryStatus> statuses = statuses(config, colour);
        if (json) {
            ObjectMapper mapper = new ObjectMapper();
            ArrayNode arr = mapper.createArrayNode();
            for (QueryStatus s : statuses) {
                ObjectNode n = arr.addObject();
                n.put("query", s.query().id());
                n.put("checkpoint", s.checkpoint());
                s.lastCommittedBatch().ifPresentOrElse(b -> n.put("lastCommittedBatch", b),
                        () -> n.putNull("lastCommittedBatch"));
                s.lag().ifPresent(l -> {
                    n.put("maxLag", l.maxLag());
                    n.put("totalLag", l.totalLag());
                    ArrayNode parts = n.putArray("partitions");
                    for (PartitionLag p : l.partitions()) {
                        parts.addObject().put("topic", p.topic()).put("partition", p.partition())
                                .put("committed", p.committed()).put("end", p.end()).put("lag", p.lag());
                    }
                });
            }
            out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(arr));
            return Main.OK;
        }
        out.printf("%-12s %-8s %10s %10s  %s%n", "query", "batch", "max lag", "total lag", "checkpoint");
        for (QueryStatus s : statuses) {
            out.printf("%-12s %-8s %10s %10s  %s%n", s.query().id(),
                    s.lastCommittedBatch().map(String::valueOf).orElse("-"),
                    s.lag().map(l -> String.valueOf(l.maxLag())).orElse("-"),
                    s.lag().map(l -> String.valueOf(l.totalLag())).orElse("-"), s.checkpoint());
        }
        return Main.OK;
    }
}
