package com.retailer.bluegreen.job;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.layout.CheckpointInspector;
import com.retailer.bluegreen.layout.CheckpointState;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.Domain;
import com.retailer.bluegreen.layout.KafkaLag;
import com.retailer.bluegreen.layout.Query;
import com.retailer.bluegreen.layout.Storage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;

/**
 * Reads a colour's checkpoints (last committed batch, Kafka offsets) and the topics' end offsets: per-partition
 * lag of each domain query, so a stuck partition cannot hide behind fresh ones. Plain Java, no Spark: the
 * checkpoints are read through {@code storage}.
 */
public final class Inspect {
    private Inspect() {
    }

    /** One query's position; {@code lag} is empty for the Gold query (it reads Delta, not Kafka). */
    public record QueryStatus(Query query, String checkpoint, Optional<Long> lastCommittedBatch,
                              Optional<KafkaLag> lag) {
    }

    public static List<QueryStatus> statuses(Storage storage, PipelineConfig config, Colour colour) {
        ColourLayout layout = config.layout(colour);
        List<QueryStatus> out = new ArrayList<>();
        try (Admin admin = KafkaAdmins.create(config)) {
            KafkaLag.OffsetSource offsets = KafkaLag.offsetsFrom(admin, Duration.ofSeconds(30));
            for (Domain d : Domain.values()) {
                String location = layout.checkpointLocation(d.query());
                CheckpointState state = CheckpointInspector.inspect(storage, location);
                KafkaLag lag = KafkaLag.compute(Set.of(config.kafka().topics().get(d)), state.kafkaOffsets(),
                        offsets);
                out.add(new QueryStatus(d.query(), location, state.lastCommittedBatch(), Optional.of(lag)));
            }
        }
        String gold = layout.checkpointLocation(Query.GOLD);
        out.add(new QueryStatus(Query.GOLD, gold, CheckpointInspector.inspect(storage, gold).lastCommittedBatch(),
                Optional.empty()));
        return out;
    }
}
