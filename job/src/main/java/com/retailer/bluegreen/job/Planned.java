package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.publish.ReleasePlan;

/** The result of {@code promote --dry-run} and {@code rollback --dry-run}: the plan, nothing changed. */
record Planned(ReleasePlan plan) implements CommandResult {

    @Override
    public String text() {
        return plan.describe();
    }

    @Override
    public void json(ObjectNode n) {
        n.put("dryRun", true).put("action", plan.action()).put("resume", plan.resume())
                .put("colour", plan.colour().id()).put("releaseId", plan.releaseId()).put("epoch", plan.epoch());
        ObjectNode previous = n.putObject("previous");
        previous.put("colour", plan.before().colour() == null ? null : plan.before().colour().id())
                .put("releaseId", plan.before().releaseId()).put("epoch", plan.before().epoch());
        ObjectNode views = n.putObject("views");
        plan.selects().forEach(views::put);
        plan.stale().forEach(n.putArray("switch")::add);
        ObjectNode versions = n.putObject("tableVersions");
        plan.tableVersions().forEach(versions::put);
        ObjectNode admission = n.putObject("admission");
        plan.admission().forEach(admission::put);
        plan.contract().kept().forEach(n.putArray("kept")::add);
        plan.recovered().forEach(n.putArray("recovered")::add);
    }
}
