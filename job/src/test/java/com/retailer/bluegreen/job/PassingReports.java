package com.retailer.bluegreen.job;

import com.retailer.bluegreen.gates.GateThresholds;

import com.retailer.bluegreen.publish.spark.SparkReleases;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.gates.Colours;
import com.retailer.bluegreen.gates.FreshnessGate;
import com.retailer.bluegreen.gates.FreshnessSample;
import com.retailer.bluegreen.gates.GateReport;
import com.retailer.bluegreen.gates.QualityGate;
import com.retailer.bluegreen.gates.ReconciliationGate;
import com.retailer.bluegreen.gates.SchemaGate;
import com.retailer.bluegreen.gates.TableColumn;
import com.retailer.bluegreen.gates.WriterSchemaFindings;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.Admission;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.Release;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Records a passing gate report for a colour, as {@code validate} would after its gates passed, for tests of the
 * publish commands that have no colour job, Kafka or registry to validate against (shared with the end-to-end
 * tests through this module's test jar).
 */
public final class PassingReports {
    private PassingReports() {
    }

    /**
     * Records a passing report of {@code candidate} for release {@code releaseId}, made by the artifact of
     * {@code gitSha}, judged by the configured thresholds: what promoting that release with that SHA needs.
     */
    public static void record(SparkSession spark, PipelineConfig config, Contract contract, Colour candidate,
                              String releaseId, String gitSha) {
        Colours colours = Colours.withoutLive(candidate);
        Instant now = Instant.now();
        GateReport report = new GateReport(candidate.id(), config.layout(candidate).generation(), null, releaseId,
                now, now, List.of(
                SchemaGate.evaluate(colours, Contract.of(List.of(Contract.View.of("v", "t", "a", "STRING"))),
                        Map.of("t", List.of(new TableColumn("a", "STRING", true))), Map.of(),
                        WriterSchemaFindings.none()),
                ReconciliationGate.notApplicable("test: no gates to run"),
                FreshnessGate.evaluate(List.of(new FreshnessSample(now, List.of(), Duration.ZERO)),
                        Duration.ofSeconds(90), Duration.ZERO, Duration.ofSeconds(30)),
                QualityGate.evaluate(colours, List.of(), List.of(), Map.of("*", 0.01), 0.005)),
                GateThresholds.of(config.gates()));
        SparkReleases.create(spark, config.layouts(), contract, 1, Admission.unguarded("test")).recordGateReport(candidate, releaseId, "test", gitSha, Map.of(),
                report.toJson(), now);
    }
}
