package com.retailer.bluegreen.job;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What {@code status} found: which colour the published views serve and, per colour, whether its job runs, how far
 * each query got, its Kafka lag and how fresh its data is. Plain values, rendered by {@link StatusText}.
 *
 * @param at          when the status was taken (freshness is measured against it)
 * @param publication the release state and what each view serves
 * @param colours     blue, then green
 */
public record StatusReport(Instant at, String pipeline, Publication publication, List<ColourStatus> colours) {

    public StatusReport {
        colours = List.copyOf(colours);
    }

    /**
     * The release state.
     *
     * @param activeColour      the colour the views should serve; empty before the first promotion
     * @param recorded          whether the audit ledger records the current epoch (false while an action is in
     *                          progress, or if its run died before recording it)
     * @param lastRecordedEpoch the highest epoch the ledger records
     * @param auditProblem      why the audit chain does not verify, if it does not
     */
    public record Publication(Optional<String> activeColour, long epoch, Optional<String> releaseId,
                              Optional<String> actor, Optional<Instant> since, boolean recorded,
                              long lastRecordedEpoch, List<ViewStatus> views, Optional<String> auditProblem) {
        public Publication {
            views = List.copyOf(views);
        }

        /** Whether every view exists and serves the active colour and release. */
        public boolean converged() {
            return activeColour.isPresent() && stale().isEmpty();
        }

        /** The views that do not serve the active colour and release (missing, or on the wrong colour or release). */
        public List<String> stale() {
            return views.stream().filter(v -> !(v.colour().equals(activeColour) && v.releaseId().equals(releaseId)))
                    .map(ViewStatus::view).toList();
        }
    }

    /** What one published view serves right now; empty colour and release when it does not exist. */
    public record ViewStatus(String view, String name, boolean exists, Optional<String> colour,
                             Optional<String> releaseId, Optional<String> sourceTable) {
    }

    /**
     * One colour.
     *
     * @param running    from its heartbeat file: fresh means running
     * @param queries    each streaming query's last committed batch and, for the domain queries, Kafka lag
     * @param lagProblem why the Kafka lag is unknown, if it is (broker unreachable, colour never ran)
     * @param freshness  per Silver and Gold table, the newest event time visible and how old it is
     */
    public record ColourStatus(String colour, int generation, Running running, List<QueryStatus> queries,
                               Optional<String> lagProblem, List<TableFreshness> freshness) {
        public ColourStatus {
            queries = List.copyOf(queries);
            freshness = List.copyOf(freshness);
        }

        /** The largest per-partition lag over the colour's domain queries, if measured. */
        public Optional<Long> maxLag() {
            return queries.stream().map(QueryStatus::maxLag).flatMap(Optional::stream).max(Long::compare);
        }

        /** The colour's total lag, if measured. */
        public Optional<Long> totalLag() {
            List<Long> totals = queries.stream().map(QueryStatus::totalLag).flatMap(Optional::stream).toList();
            return totals.isEmpty() ? Optional.empty() : Optional.of(totals.stream().mapToLong(Long::longValue).sum());
        }

        /** The stalest Silver table's age: a stuck domain must not hide behind fresh ones. */
        public Optional<TableFreshness> stalest() {
            return freshness.stream().filter(f -> f.silver() && f.age().isPresent())
                    .max((a, b) -> a.age().get().compareTo(b.age().get()));
        }
    }

    /**
     * The colour job's liveness.
     *
     * @param heartbeatAt when its heartbeat was last written, if ever
     * @param staleAfter  how old a heartbeat may be for the colour to count as running
     */
    public record Running(boolean running, Optional<Instant> heartbeatAt, Duration staleAfter,
                          Optional<String> gitSha, Optional<String> host, List<String> activeQueries) {
        public Running {
            activeQueries = List.copyOf(activeQueries);
        }
    }

    /** One streaming query of a colour; lag only for the Kafka-reading domain queries. */
    public record QueryStatus(String query, Optional<Long> lastCommittedBatch, Optional<Long> maxLag,
                              Optional<Long> totalLag) {
    }

    /**
     * The newest event time one table shows.
     *
     * @param silver whether it is a Silver table (event timestamps) rather than Gold (days)
     * @param newest the newest event time (a Gold day as its start, UTC); empty if the table is empty or absent
     * @param age    {@code at} − {@code newest}
     */
    public record TableFreshness(String table, String column, boolean silver, boolean exists,
                                 Optional<Instant> newest, Optional<Duration> age) {
    }
}
