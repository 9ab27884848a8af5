package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.ContractFile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** {@code status}: what the views serve and how each colour is doing ({@link Status}). Reads only. */
final class StatusCommand implements Command {
    /** How long status waits for Kafka before reporting the lag as unknown. */
    static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(10);

    private final PipelineConfig config;
    private final Contract contract;

    StatusCommand(PipelineConfig config) {
        this.config = config;
        this.contract = ContractFile.load(Path.of(config.publish().contract()), "publish.contract");
    }

    @Override
    public CommandResult run() {
        return new Reported(Status.collect(Sessions.release(config), config, contract, Instant.now(),
                KAFKA_TIMEOUT));
    }

    record Reported(StatusReport report) implements CommandResult {
        @Override
        public String text() {
            return StatusText.text(report);
        }

        @Override
        public void json(ObjectNode into) {
            StatusText.json(report, into);
        }
    }
}
