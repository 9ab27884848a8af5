package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.layout.PartitionLag;
import com.retailer.bluegreen.storage.HadoopStorage;
import java.util.List;

/** {@code inspect --colour <c>}: each query's last committed batch and per-partition Kafka lag. No Spark. */
final class InspectCommand implements Command {
    private final PipelineConfig config;
    private final Colour colour;

    InspectCommand(Arguments args, PipelineConfig config) {
        this.config = config;
        this.colour = args.colour().orElseThrow();
    }

    @Override
    public CommandResult run() {
        return new Inspected(colour, Inspect.statuses(HadoopStorage.withoutSpark(config.spark().conf()), config, colour));
    }

    record Inspected(Colour colour, List<Inspect.QueryStatus> queries) implements CommandResult {
        @Override
        public String text() {
            StringBuilder sb = new StringBuilder(String.format("%-12s %-8s %10s %10s  %s", "query", "batch",
                    "max lag", "total lag", "checkpoint"));
            for (Inspect.QueryStatus s : queries) {
                sb.append(String.format("%n%-12s %-8s %10s %10s  %s", s.query().id(),
                        s.lastCommittedBatch().map(String::valueOf).orElse("-"),
                        s.lag().map(l -> String.valueOf(l.maxLag())).orElse("-"),
                        s.lag().map(l -> String.valueOf(l.totalLag())).orElse("-"), s.checkpoint()));
            }
            return sb.toString();
        }

        @Override
        public void json(ObjectNode into) {
            into.put("colour", colour.id());
            ArrayNode arr = into.putArray("queries");
            for (Inspect.QueryStatus s : queries) {
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
        }
    }
}
