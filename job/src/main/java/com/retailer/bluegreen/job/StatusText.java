package com.retailer.bluegreen.job;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.retailer.bluegreen.job.StatusReport.ColourStatus;
import com.retailer.bluegreen.job.StatusReport.Publication;
import com.retailer.bluegreen.job.StatusReport.QueryStatus;
import com.retailer.bluegreen.job.StatusReport.TableFreshness;
import com.retailer.bluegreen.job.StatusReport.ViewStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Renders a {@link StatusReport} as text for people or one JSON object for machines. Plain Java. */
final class StatusText {
    private StatusText() {
    }

    static String text(StatusReport r) {
        StringBuilder sb = new StringBuilder();
        sb.append("Pipeline ").append(r.pipeline()).append(", status at ").append(r.at()).append('\n');
        publication(sb, r.publication(), r.at());
        for (ColourStatus c : r.colours()) {
            colour(sb, c, r.at());
        }
        return sb.toString();
    }

    private static void publication(StringBuilder sb, Publication p, Instant now) {
        if (p.activeColour().isEmpty()) {
            sb.append("Published views: none yet (nothing was ever promoted; promote --to <colour>)\n");
        } else {
            sb.append("Published views should serve ").append(p.activeColour().get()).append(", release ")
                    .append(p.releaseId().orElse("-")).append(", epoch ").append(p.epoch()).append(" (by ")
                    .append(p.actor().orElse("?")).append(", ").append(p.since().map(s -> ago(s, now)).orElse("?"))
                    .append(")\n");
            if (!p.recorded()) {
                sb.append("  IN PROGRESS: epoch ").append(p.epoch()).append(" is not in the audit ledger yet (it"
                        + " records up to ").append(p.lastRecordedEpoch()).append("); if its run died, re-run it or"
                        + " roll back\n");
            }
            if (!p.converged()) {
                sb.append("  NOT CONVERGED: views ").append(p.stale()).append(" do not serve the desired colour"
                        + " and release; run reconcile to repoint them\n");
            }
        }
        p.auditProblem().ifPresent(problem -> sb.append("  AUDIT LEDGER BROKEN: ").append(problem).append('\n'));
        sb.append(String.format("  %-20s %-7s %-12s %s%n", "view", "serves", "release", "reads"));
        for (ViewStatus v : p.views()) {
            sb.append(String.format("  %-20s %-7s %-12s %s%s%n", v.view(),
                    v.exists() ? v.colour().orElse("?") : "-", v.releaseId().orElse("-"),
                    v.exists() ? v.sourceTable().orElse("?") : "(no view yet)",
                    p.activeColour().isPresent() && p.stale().contains(v.view()) ? "   <- STALE" : ""));
        }
    }

    private static void colour(StringBuilder sb, ColourStatus c, Instant now) {
        StatusReport.Running run = c.running();
        sb.append(c.colour()).append(" (generation ").append(c.generation()).append("): ")
                .append(run.running() ? "RUNNING" : "NOT RUNNING").append(" (")
                .append(run.heartbeatAt().map(h -> "heartbeat " + ago(h, now)).orElse("no heartbeat"))
                .append(run.gitSha().map(g -> ", git " + g).orElse(""))
                .append(run.host().map(h -> ", host " + h).orElse("")).append(")");
        c.stalest().ifPresent(s -> sb.append(", freshness ").append(duration(s.age().get())).append(" (")
                .append(s.table()).append(")"));
        sb.append(", lag ").append(c.maxLag().map(m -> "max " + m + " / total " + c.totalLag().orElse(0L))
                .orElse(c.lagProblem().orElse("-"))).append('\n');
        sb.append(String.format("  %-12s %8s %10s %10s%n", "query", "batch", "max lag", "total lag"));
        for (QueryStatus q : c.queries()) {
            sb.append(String.format("  %-12s %8s %10s %10s%n", q.query(),
                    q.lastCommittedBatch().map(String::valueOf).orElse("-"),
                    q.maxLag().map(String::valueOf).orElse("-"), q.totalLag().map(String::valueOf).orElse("-")));
        }
        sb.append(String.format("  %-20s %-14s %-28s %s%n", "table", "event time", "newest", "age"));
        for (TableFreshness f : c.freshness()) {
            sb.append(String.format("  %-20s %-14s %-28s %s%n", f.table(), f.column(),
                    f.exists() ? f.newest().map(Instant::toString).orElse("(empty)") : "(no table)",
                    f.age().map(StatusText::duration).orElse("-")));
        }
    }

    /** The status as one JSON object, as {@code status --json} prints it. */
    static String json(StatusReport r) {
        return Renderer.json(Arguments.STATUS, new StatusCommand.Reported(r));
    }

    /** Adds the status's fields to {@code root}. */
    static void json(StatusReport r, ObjectNode root) {
        root.put("pipeline", r.pipeline()).put("at", r.at().toString());
        Publication p = r.publication();
        ObjectNode pub = root.putObject("publication");
        text(pub, "activeColour", p.activeColour()).put("epoch", p.epoch());
        text(pub, "releaseId", p.releaseId());
        text(pub, "actor", p.actor());
        text(pub, "since", p.since().map(Instant::toString));
        pub.put("recorded", p.recorded()).put("lastRecordedEpoch", p.lastRecordedEpoch())
                .put("converged", p.converged());
        p.stale().forEach(pub.putArray("stale")::add);
        text(pub, "auditProblem", p.auditProblem());
        ArrayNode views = pub.putArray("views");
        for (ViewStatus v : p.views()) {
            ObjectNode n = views.addObject().put("view", v.view()).put("name", v.name()).put("exists", v.exists());
            text(n, "colour", v.colour());
            text(n, "releaseId", v.releaseId());
            text(n, "sourceTable", v.sourceTable());
        }
        ArrayNode colours = root.putArray("colours");
        for (ColourStatus c : r.colours()) {
            ObjectNode n = colours.addObject().put("colour", c.colour()).put("generation", c.generation())
                    .put("running", c.running().running());
            text(n, "heartbeatAt", c.running().heartbeatAt().map(Instant::toString));
            text(n, "gitSha", c.running().gitSha());
            number(n, "maxLag", c.maxLag());
            number(n, "totalLag", c.totalLag());
            text(n, "lagProblem", c.lagProblem());
            number(n, "freshnessSeconds", c.stalest().flatMap(TableFreshness::age).map(Duration::toSeconds));
            ArrayNode queries = n.putArray("queries");
            for (QueryStatus q : c.queries()) {
                ObjectNode qn = queries.addObject().put("query", q.query());
                number(qn, "lastCommittedBatch", q.lastCommittedBatch());
                number(qn, "maxLag", q.maxLag());
                number(qn, "totalLag", q.totalLag());
            }
            ArrayNode tables = n.putArray("freshness");
            for (TableFreshness f : c.freshness()) {
                ObjectNode fn = tables.addObject().put("table", f.table()).put("column", f.column())
                        .put("exists", f.exists());
                text(fn, "newest", f.newest().map(Instant::toString));
                number(fn, "ageSeconds", f.age().map(Duration::toSeconds));
            }
        }
    }

    private static ObjectNode text(ObjectNode n, String field, Optional<String> value) {
        return value.isPresent() ? n.put(field, value.get()) : n.putNull(field);
    }

    private static void number(ObjectNode n, String field, Optional<Long> value) {
        if (value.isPresent()) {
            n.put(field, value.get());
        } else {
            n.putNull(field);
        }
    }

    private static String ago(Instant then, Instant now) {
        return duration(Duration.between(then, now)) + " ago";
    }

    /** {@code 42 s}, {@code 3 min 5 s}, {@code 2 h 4 min}, {@code 3 d 1 h}. */
    static String duration(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return s / 60 + " min " + s % 60 + " s";
        }
        if (s < 86_400) {
            return s / 3600 + " h " + s % 3600 / 60 + " min";
        }
        return s / 86_400 + " d " + s % 86_400 / 3600 + " h";
    }
}
