package com.retailer.bluegreen.demo;

import com.retailer.bluegreen.testsupport.Oracle;

import com.retailer.bluegreen.layout.Colour;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * README command 1: a full blue/green release on the embedded stack ({@link FullRelease}), then a summary of what
 * happened: events per colour, reader queries and errors, time to switch all views, rollback time, and the oracle
 * checks of both colours. Exits 1 if any check failed.
 *
 * <p>Arguments (all optional): {@code --rate <events/s>} (default 100), {@code --warm-up <s>} (0),
 * {@code --bake <s>} (15).
 */
public final class Demo {
    private Demo() {
    }

    public static void main(String[] args) throws Exception {
        FullRelease.Settings settings = new FullRelease.Settings(Path.of("local", "demo").toAbsolutePath(),
                doubleArg(args, "--rate", 100), Duration.ofSeconds((long) doubleArg(args, "--warm-up", 0)),
                Duration.ofSeconds((long) doubleArg(args, "--bake", 15)), Duration.ofMinutes(6));
        FullRelease.Result r = new FullRelease(settings, line -> out("%s", line)).run();
        summary(r);
        System.exit(r.problems().isEmpty() ? 0 : 1);
    }

    static void summary(FullRelease.Result r) {
        out("");
        out("==== What happened ====");
        out("Produced          %,d events while both colours ran: %s", r.produced(), r.producedByTopic());
        out("Blue  (release 1) %,d Bronze rows, all processed by blue", r.bronzeRows().get(Colour.BLUE));
        out("Green (release 2) %,d Bronze rows: %,d cloned at blue's Gold batch %d, %,d processed by green itself",
                r.bronzeRows().get(Colour.GREEN), r.bronzeRows().get(Colour.GREEN) - r.greenOwnRecords(),
                r.cut().goldBatch(), r.greenOwnRecords());
        out("Bootstrap         %.1f s (cut, shallow clones, units_sold backfill); catch-up %.1f s",
                r.bootstrapSeconds(), r.catchUpSeconds());
        for (Map.Entry<String, Long> s : r.switchMillis().entrySet()) {
            out("Switch            %-20s %,6d ms (command to every view on the other colour)", s.getKey(),
                    s.getValue());
        }
        out("Readers           %s", r.readers().oneLine());
        r.readers().windows().forEach((name, w) -> out("  %-16s %,5d queries, %d failed, %d mixed; p50 %.0f ms,"
                + " p99 %.0f ms", name, w.queries(), w.failures(), w.mixed(), w.latency().p50(), w.latency().p99()));
        r.readers().perQuery().forEach((name, q) -> out("  %-16s %,5d queries, releases seen %s", name, q.queries(),
                q.releaseIds().values().stream().findFirst().map(Map::keySet).orElse(java.util.Set.of())));
        out("units_sold reader %s (NULL while blue serves it)", r.unitsReaders().oneLine());
        out("Drain             %.1f s after the producer stopped", r.drainSeconds());
        if (r.problems().isEmpty()) {
            out("Oracle check      blue and green each equal the independently computed oracle in every table,"
                    + " and green's units_sold equals the oracle's");
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
