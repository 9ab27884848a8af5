package com.retailer.bluegreen.gates;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What {@link Reconciler} measured for one table: per business hour, each colour's row count and content hash over
 * the rows in range, and what was left out. Plain data; {@link ReconciliationGate} judges it.
 *
 * @param table            the table
 * @param liveVersion      the Delta version of the live colour's table that was read (both its scans read it)
 * @param candidateVersion the same for the candidate
 * @param lowerExclusive   the spec's lower bounds
 * @param cut              the spec's cut
 * @param intended         the spec's declared difference, if any
 * @param buckets          one per hour either colour has rows in, oldest first; rows without a business time last
 */
public record TableReconciliation(String table, long liveVersion, long candidateVersion,
                                  Map<Integer, Long> lowerExclusive, Map<Integer, Long> cut,
                                  Optional<IntendedDifference> intended, List<Bucket> buckets) {

    public TableReconciliation {
        Objects.requireNonNull(table, "table");
        lowerExclusive = Collections.unmodifiableMap(new TreeMap<>(lowerExclusive));
        cut = Collections.unmodifiableMap(new TreeMap<>(cut));
        intended = intended == null ? Optional.empty() : intended;
        buckets = List.copyOf(buckets);
    }

    /**
     * One business hour.
     *
     * @param hour                 the hour's start (UTC); {@code null} for rows whose business time is null (say,
     *                             order tombstones)
     * @param liveRows             live rows in range and compared
     * @param candidateRows        candidate rows in range and compared
     * @param liveHash             sum mod 2^64 of the compared live rows' 64-bit hashes, 16 hex digits
     * @param candidateHash        the same for the candidate
     * @param liveBeyondCut        live rows left out because their source offset is beyond the cut
     * @param candidateBeyondCut   the same for the candidate
     * @param liveKeyExcluded      live rows in range left out because a record beyond the cut touched their key
     *                             (in the other colour, or in Bronze)
     * @param candidateKeyExcluded the same for the candidate
     */
    public record Bucket(Instant hour, long liveRows, long candidateRows, String liveHash, String candidateHash,
                         long liveBeyondCut, long candidateBeyondCut, long liveKeyExcluded,
                         long candidateKeyExcluded) {

        /** Equal row counts and equal content hashes. */
        public boolean matches() {
            return liveRows == candidateRows && liveHash.equals(candidateHash);
        }
    }

    /** A hash sum as the evidence writes it: the 64 bits as 16 lower-case hex digits. */
    public static String hex(long wrappedSum) {
        return String.format(Locale.ROOT, "%016x", wrappedSum);
    }

    /** The sum mod 2^64 of hash sums written by {@link #hex}. */
    static String add(String a, String b) {
        return hex(Long.parseUnsignedLong(a, 16) + Long.parseUnsignedLong(b, 16));
    }
}
