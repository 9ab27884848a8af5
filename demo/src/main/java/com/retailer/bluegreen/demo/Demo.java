package com.retailer.bluegreen.demo;

import com.retailer.bluegreen.testsupport.Oracle;

import com.retailer.bluegreen.publish.release.ReleaseView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * README command 1: two releases on the embedded stack, driven by the release state machine ({@link FullRelease}):
 * one that completes and one rolled back automatically during its bake; then a summary of what happened: each
 * release's timeline, the time from the first breaching sample to every view switched back, reader queries and
 * errors, and the oracle check of the live colour. Exits 1 if any check failed.
 *
 * <p>Arguments (all optional): {@code --rate <events/s>} (default 50), {@code --warm-up <s>} (0),
 * {@code --bake <s>} (90: release 3 must stall, and its samples breach, within its bake).
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        FullRelease.Settings settings = new FullRelease.Settings(Path.of("local", "demo").toAbsolutePath(),
                doubleArg(args, "--rate", 50), Duration.ofSeconds((long) doubleArg(args, "--warm-up", 0)),
                Duration.ofSeconds((long) doubleArg(args, "--bake", 90)), Duration.ofMinutes(10));
        FullRelease.Result r = new FullRelease(settings, line -> out("%s", line)).run();
        summary(r);
        System.exit(r.problems().isEmpty() ? 0 : 1);
    }

    static void summary(FullRelease.Result r) {
        out("");
        out("==== What happened ====");
        out("Produced          %,d events while the colours ran: %s", r.produced(), r.producedByTopic());
        for (ReleaseView v : r.releases()) {
            out("%s", v.timeline());
        }
        out("Automatic rollback %.1f s from release 3's first breaching bake sample to every view back on green",
                r.rollbackSeconds());
        out("Readers           %s", r.readers().oneLine());
        r.readers().perQuery().forEach((name, q) -> out("  %-16s %,5d queries, %d failed, releases seen %s", name,
                q.queries(), q.failures(), q.releaseIds().values().stream().findFirst().map(Map::keySet)
                        .orElse(java.util.Set.of())));
        out("units_sold reader %s", r.unitsReaders().oneLine());
        out("Drain             %.1f s after the producer stopped", r.drainSeconds());
        if (r.problems().isEmpty()) {
            out("Checks            release 2 COMPLETED (blue stopped), release 3 ROLLED_BACK automatically, audit"
                    + " ledger valid, no reader query failed, and green equals the independently computed oracle in"
                    + " every table, units_sold included");
        } else {
            out("Checks FAILED:%n  %s", String.join("\n  ", r.problems()));
        }
    }

    private static double doubleArg(String[] args, String name, double def) {
        for (int i = 0; i < args.length - 1; i++) {
            if (args[i].equals(name)) {
                return Double.parseDouble(args[i + 1]);
            }
        }
        return def;
    }

    static void out(String format, Object... args) {
        System.out.println(String.format(format, args));
        System.out.flush();
    }
}
