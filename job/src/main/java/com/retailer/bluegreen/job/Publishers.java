package com.retailer.bluegreen.job;

import com.retailer.bluegreen.publish.spark.SparkReleases;

import com.retailer.bluegreen.config.PipelineConfig;
import com.retailer.bluegreen.gates.GateAdmission;
import com.retailer.bluegreen.gates.GateThresholds;
import com.retailer.bluegreen.layout.Colour;
import com.retailer.bluegreen.publish.Contract;
import com.retailer.bluegreen.publish.Release;
import java.util.EnumMap;
import java.util.Map;

/** The publisher as the command line runs it: gates admit promotions; test-only fault points may pause it. */
final class Publishers {
    private Publishers() {
    }

    /** Promotion and rollback of the configured pipeline's views, admitted by the gates. */
    static Release release(PipelineConfig config, Contract contract) {
        FaultPoints faults = FaultPoints.fromSystemProperties();
        return SparkReleases.create(Sessions.release(config), config.layouts(), contract,
                        config.publish().parallelism(), gateAdmission(config))
                .withViewSwitchHook(view -> faults.reached("publish:before-view:" + view))
                .requireTrustedIdentity(config.publish().requireTrustedIdentity());
    }

    /** Promotions on the command line are admitted only by a passing, recent gate report of the candidate. */
    static GateAdmission gateAdmission(PipelineConfig config) {
        Map<Colour, Integer> generations = new EnumMap<>(Colour.class);
        for (Colour c : Colour.values()) {
            generations.put(c, config.layout(c).generation());
        }
        return new GateAdmission(generations, config.gates().maxReportAge(), GateThresholds.of(config.gates()));
    }
}
