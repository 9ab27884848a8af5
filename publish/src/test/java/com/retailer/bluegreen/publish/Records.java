package com.retailer.bluegreen.publish;

import java.time.Instant;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test fixtures: drafts and correctly chained records. */
public final class Records {
    public static final Instant T0 = Instant.parse("2025-06-01T10:15:30.123456Z");

    private Records() {
    }

    /**
     * Draft {@code i}: alternating promotions and rollbacks. Draft 1 is a first promotion with the awkward values
     * (no from colour, no release id, no table versions, non-ASCII text, quotes and line breaks in details), so a
     * round trip through Delta is checked on them too.
     */
    public static AuditDraft draft(int i) {
        if (i == 1) {
            return new AuditDraft("PROMOTE", "ci:Jos\u00e9 \u00d1u\u00f1ez", T0.plusSeconds(60), null, "blue", 1, null,
                    "3f2a9c1", Map.of(), "{\n  \"note\": \"caf\u00e9 \u2615 \\\"first\\\"\"\n}");
        }
        boolean promote = i % 2 == 1;
        return new AuditDraft(promote ? "PROMOTE" : "ROLLBACK", "ci:release-bot-" + i, T0.plusSeconds(60L * i),
                promote ? "blue" : "green", promote ? "green" : "blue", i, "r-" + i, "3f2a9c" + i,
                Map.of("silver.orders", 10L + i, "gold.daily_revenue", 20L + i), "{\"gates\":{\"schema\":\"pass\"}}");
    }

    /** {@code n} records chained from the genesis hash. */
    public static List<AuditRecord> chain(int n) {
        List<AuditRecord> out = new ArrayList<>();
        String previous = AuditRecord.GENESIS_HASH;
        for (int i = 1; i <= n; i++) {
            AuditRecord r = AuditRecord.seal(i, draft(i), previous);
            out.add(r);
            previous = r.hash();
        }
        return out;
    }

    /** {@code r} with one component replaced, hash untouched: an edit made by hand. */
    public static AuditRecord with(AuditRecord r, String component, Object value) {
        RecordComponent[] components = AuditRecord.class.getRecordComponents();
        Object[] args = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        boolean found = false;
        try {
            for (int i = 0; i < components.length; i++) {
                types[i] = components[i].getType();
                found |= components[i].getName().equals(component);
                args[i] = components[i].getName().equals(component) ? value : components[i].getAccessor().invoke(r);
            }
            if (!found) {
                throw new IllegalArgumentException("AuditRecord has no component " + component);
            }
            return AuditRecord.class.getDeclaredConstructor(types).newInstance(args);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code r} edited and re-hashed, as a careful forger would. */
    public static AuditRecord rehashed(AuditRecord r) {
        return r.withHash(r.computedHash());
    }

    /**
     * {@code records} with every hash recomputed in order: what someone who edited a record and knows the canonical
     * form does so the chain verifies again (a "perfect forgery" of the ledger alone).
     */
    public static List<AuditRecord> resealed(List<AuditRecord> records) {
        List<AuditRecord> out = new ArrayList<>();
        String previous = AuditRecord.GENESIS_HASH;
        for (AuditRecord r : records) {
            AuditRecord linked = with(r, "previousHash", previous);
            AuditRecord sealed = with(linked, "hash", linked.computedHash());
            out.add(sealed);
            previous = sealed.hash();
        }
        return out;
    }
}
