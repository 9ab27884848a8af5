package com.retailer.bluegreen.publish;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test fixtures: drafts and correctly chained records. */
final class Records {
    static final Instant T0 = Instant.parse("2025-06-01T10:15:30.123456Z");

    private Records() {
    }

    static AuditDraft draft(int i) {
        boolean promote = i % 2 == 1;
        return new AuditDraft(promote ? "PROMOTE" : "ROLLBACK", "ci:release-bot-" + i, T0.plusSeconds(60L * i),
                promote ? "blue" : "green", promote ? "green" : "blue", i, "r-" + i, "3f2a9c" + i,
                Map.of("silver.orders", 10L + i, "gold.daily_revenue", 20L + i), "{\"gates\":{\"schema\":\"pass\"}}");
    }

    /** {@code n} records chained from the genesis hash. */
    static List<AuditRecord> chain(int n) {
        List<AuditRecord> out = new ArrayList<>();
        String previous = AuditRecord.GENESIS_HASH;
        for (int i = 1; i <= n; i++) {
            AuditRecord r = AuditRecord.seal(i, draft(i), previous);
            out.add(r);
            previous = r.hash();
        }
        return out;
    }

    static AuditRecord withActor(AuditRecord r, String actor) {
        return new AuditRecord(r.sequence(), r.action(), actor, r.at(), r.fromColour(), r.toColour(), r.epoch(),
                r.releaseId(), r.gitSha(), r.tableVersions(), r.details(), r.previousHash(), r.hash());
    }

    static AuditRecord withSequence(AuditRecord r, long sequence) {
        return new AuditRecord(sequence, r.action(), r.actor(), r.at(), r.fromColour(), r.toColour(), r.epoch(),
                r.releaseId(), r.gitSha(), r.tableVersions(), r.details(), r.previousHash(), r.hash());
    }

    static AuditRecord withPreviousHash(AuditRecord r, String previousHash) {
        return new AuditRecord(r.sequence(), r.action(), r.actor(), r.at(), r.fromColour(), r.toColour(), r.epoch(),
                r.releaseId(), r.gitSha(), r.tableVersions(), r.details(), previousHash, r.hash());
    }

    /** {@code r} edited and re-hashed, as a careful forger would. */
    static AuditRecord rehashed(AuditRecord r) {
        return r.withHash(r.computedHash());
    }
}
