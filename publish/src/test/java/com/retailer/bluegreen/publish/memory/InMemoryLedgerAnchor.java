package com.retailer.bluegreen.publish.memory;

import com.retailer.bluegreen.publish.AnchorEntry;
import com.retailer.bluegreen.publish.LedgerAnchor;
import com.retailer.bluegreen.publish.LedgerCommit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A {@link LedgerAnchor} in memory: append-only as the Delta table with {@code delta.appendOnly = true} is (there is
 * no way to change or remove an entry through it), with a history named as Delta names it (version 0 {@code CREATE
 * TABLE}, one {@code WRITE} in mode {@code Append} per append). Tests can make appends fail ({@link #failAppends}), as
 * a run stopping between the ledger's commit and the anchor's would, or edit it as someone who first made it
 * writable would ({@link #tamper}), or delete it ({@link #drop}).
 */
public final class InMemoryLedgerAnchor implements LedgerAnchor {
    private final List<AnchorEntry> entries = new ArrayList<>();
    private final List<LedgerCommit> history = new ArrayList<>();
    private boolean exists;
    private int failures;

    @Override
    public String location() {
        return "memory:ledger_anchor";
    }

    @Override
    public synchronized boolean exists() {
        return exists;
    }

    @Override
    public synchronized void createIfAbsent() {
        if (!exists) {
            exists = true;
            commit("CREATE TABLE", Map.of(), Map.of());
        }
    }

    @Override
    public synchronized List<AnchorEntry> entries() {
        return entries.stream().sorted(Comparator.comparingLong(AnchorEntry::sequence)).toList();
    }

    @Override
    public synchronized List<LedgerCommit> history() {
        return List.copyOf(history);
    }

    @Override
    public synchronized void append(List<AnchorEntry> more) {
        if (!exists) {
            throw new IllegalStateException("no anchor: createIfAbsent first");
        }
        if (failures > 0) {
            failures--;
            throw new IllegalStateException("the run stopped before anchoring (simulated)");
        }
        entries.addAll(more);
        commit("WRITE", Map.of("mode", "Append"), Map.of("numOutputRows", String.valueOf(more.size())));
    }

    /** The next {@code n} appends fail, writing nothing. */
    public synchronized void failAppends(int n) {
        failures = n;
    }

    /**
     * Replaces the entries, as someone who first unset {@code delta.appendOnly} could: two commits, the property
     * change and {@code operation}.
     */
    public synchronized void tamper(List<AnchorEntry> newEntries, String operation) {
        commit("SET TBLPROPERTIES", Map.of("properties", "{\"delta.appendOnly\":\"false\"}"), Map.of());
        entries.clear();
        entries.addAll(newEntries);
        commit(operation, Map.of(), Map.of());
    }

    /** {@code RESTORE TABLE ... TO VERSION AS OF}: only the first {@code kept} entries, as a commit (Delta allows it). */
    public synchronized void restore(int kept) {
        List<AnchorEntry> sorted = entries();
        entries.clear();
        entries.addAll(sorted.subList(0, kept));
        commit("RESTORE", Map.of("version", String.valueOf(kept)), Map.of());
    }

    /** The anchor's directory deleted. */
    public synchronized void drop() {
        exists = false;
        entries.clear();
        history.clear();
    }

    private void commit(String operation, Map<String, String> parameters, Map<String, String> metrics) {
        history.add(new LedgerCommit(history.isEmpty() ? 0 : history.get(history.size() - 1).version() + 1,
                Instant.now(), operation, parameters, metrics, null));
    }
}
