package com.retailer.bluegreen.layout;

import static com.retailer.bluegreen.layout.SyntheticColour.GOLD_TABLES;
import static com.retailer.bluegreen.layout.SyntheticColour.REFERENCE_TABLES;
import static com.retailer.bluegreen.layout.SyntheticColour.TOPICS;
import static com.retailer.bluegreen.layout.SyntheticColour.offsets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CutTakerTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-20T12:00:00Z"), ZoneOffset.UTC);
    private static final String REVENUE = "daily_revenue";
    private static final String ON_HAND = "inventory_on_hand";
    private static final String SLA = "fulfillment_sla";

    @TempDir
    Path dir;
    private SyntheticColour c;

    @BeforeEach
    void colour() {
        c = new SyntheticColour(dir);
        for (Domain d : Domain.values()) {
            c.domainStarted(d, offsets(0, 0));
        }
    }

    private ConsistentCut take() {
        return CutTaker.take(Storage.local(), c.layout, TOPICS, GOLD_TABLES, REFERENCE_TABLES, CLOCK);
    }

    private static Map<Domain, Long> through(long orders, long movements, long shipments) {
        Map<Domain, Long> m = new EnumMap<>(Domain.class);
        m.put(Domain.ORDERS, orders);
        m.put(Domain.INVENTORY, movements);
        m.put(Domain.FULFILLMENT, shipments);
        return m;
    }

    /** Orders batches 0, 1, inventory 0, fulfillment 0, 1 (Silver versions 1, 2 / 1 / 1, 2), Gold batch 0 over all. */
    private void consumedByGoldBatch0() {
        c.domainBatch(Domain.ORDERS, 0, offsets(10, 12));
        c.domainBatch(Domain.ORDERS, 1, offsets(20, 25));
        c.domainBatch(Domain.INVENTORY, 0, offsets(5, 5));
        c.domainBatch(Domain.FULFILLMENT, 0, offsets(7, 8));
        c.domainBatch(Domain.FULFILLMENT, 1, offsets(9, 9));
        c.goldBatch(0, GOLD_TABLES, c.goldThrough(through(2, 1, 2)));
    }

    @Test
    void anchors_at_the_last_gold_batch_and_leaves_out_domain_batches_gold_has_not_consumed() {
        consumedByGoldBatch0();
        // Bronze and Silver ahead of Gold: batches Gold has not read yet are not in the cut
        c.domainBatch(Domain.ORDERS, 2, offsets(30, 31));
        c.domainBatch(Domain.INVENTORY, 1, offsets(9, 9));

        ConsistentCut cut = take();

        assertEquals(0, cut.goldBatch());
        assertEquals(new DomainCut(1, "orders.cdc", Map.of(0, 20L, 1, 25L)), cut.domains().get(Domain.ORDERS));
        assertEquals(new DomainCut(0, "inventory.events", Map.of(0, 5L, 1, 5L)), cut.domains().get(Domain.INVENTORY));
        assertEquals(new DomainCut(1, "fulfillment.events", Map.of(0, 9L, 1, 9L)),
                cut.domains().get(Domain.FULFILLMENT));
        assertEquals(Map.ofEntries(Map.entry("bronze_orders", 2L), Map.entry("orders", 2L),
                Map.entry("bronze_inventory", 1L), Map.entry("inventory_movements", 1L),
                Map.entry("bronze_fulfillment", 2L), Map.entry("shipments", 2L),
                Map.entry(REVENUE, 1L), Map.entry(ON_HAND, 1L), Map.entry(SLA, 1L),
                Map.entry("ref_products", 0L), Map.entry("ref_warehouses", 0L), Map.entry("ref_carriers", 0L)),
                cut.tableVersions());
        assertEquals(c.layout.pipeline(), cut.pipeline());
        assertEquals(Colour.BLUE, cut.colour());
        assertEquals(1, cut.generation());
        assertEquals(CLOCK.instant(), cut.takenAt());
    }

    @Test
    void a_gold_batch_that_stopped_inside_a_silver_version_steps_back_to_the_last_batch_at_a_boundary() {
        consumedByGoldBatch0();
        long v = c.domainBatch(Domain.INVENTORY, 1, offsets(9, 9));   // 4 add files, no cdc files
        String[] sources = c.goldThrough(through(2, 1, 2));
        sources[1] = c.deltaOffset(Domain.INVENTORY, v, 1);            // files 0..1 of 0..3: maxFilesPerTrigger split
        c.goldBatch(1, GOLD_TABLES, sources);

        ConsistentCut cut = take();

        assertEquals(0, cut.goldBatch());
        assertEquals(0, cut.domains().get(Domain.INVENTORY).batchId());
        assertEquals(1L, cut.tableVersions().get("inventory_movements"));
        assertEquals(1L, cut.tableVersions().get(ON_HAND), "Gold at batch 0, not at the split batch 1");
    }

    @Test
    void a_gold_batch_that_consumed_a_whole_add_only_version_to_its_last_file_index_is_a_boundary() {
        consumedByGoldBatch0();
        long v = c.domainBatch(Domain.INVENTORY, 1, offsets(9, 9));
        String[] sources = c.goldThrough(through(2, 1, 2));
        sources[1] = c.deltaOffset(Domain.INVENTORY, v, 3);
        c.goldBatch(1, List.of(ON_HAND), sources);

        ConsistentCut cut = take();

        assertEquals(1, cut.goldBatch());
        assertEquals(1, cut.domains().get(Domain.INVENTORY).batchId());
        assertEquals(v, cut.tableVersions().get("inventory_movements"));
    }

    @Test
    void no_committed_gold_batch_at_a_boundary_fails_naming_each_batch_and_where_it_stopped() {
        c.domainBatch(Domain.ORDERS, 0, offsets(10, 12));
        long v = c.domainBatch(Domain.INVENTORY, 0, offsets(5, 5));
        c.domainBatch(Domain.FULFILLMENT, 0, offsets(7, 8));
        String[] sources = c.goldThrough(through(1, 1, 1));
        sources[1] = c.deltaOffset(Domain.INVENTORY, v, 2);
        c.goldBatch(0, GOLD_TABLES, sources);

        CutException e = assertThrows(CutException.class, this::take);

        assertTrue(e.getMessage().contains("none of the 1 committed Gold batches"), e.getMessage());
        assertTrue(e.getMessage().contains("batch 0 stops inside inventory_movements at version 1, file index 2"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Take the cut again"), e.getMessage());
    }

    @Test
    void a_domain_batch_without_a_bronze_commit_cuts_bronze_at_its_last_write_before() {
        c.domainBatch(Domain.ORDERS, 0, offsets(10, 12));
        c.domainPlanned(Domain.ORDERS, 1, offsets(11, 12));
        c.silverWrite(Domain.ORDERS, 1);                               // no Bronze commit in batch 1
        c.committed(Query.ORDERS, 1);
        c.domainBatch(Domain.ORDERS, 2, offsets(30, 31));               // Bronze v2 (txn 2), after Gold
        c.domainBatch(Domain.INVENTORY, 0, offsets(5, 5));
        c.domainBatch(Domain.FULFILLMENT, 0, offsets(7, 8));
        c.goldBatch(0, GOLD_TABLES, c.goldThrough(through(2, 1, 1)));

        ConsistentCut cut = take();

        assertEquals(new DomainCut(1, "orders.cdc", Map.of(0, 11L, 1, 12L)), cut.domains().get(Domain.ORDERS));
        assertEquals(1L, cut.tableVersions().get("bronze_orders"), "Bronze as of batch 1 = its txn-0 version");
    }

    @Test
    void gold_tables_are_cut_at_the_anchor_batch_or_their_last_write_before_it_or_at_creation() {
        consumedByGoldBatch0();                                          // Gold batch 0 wrote all three (v1)
        c.domainBatch(Domain.ORDERS, 2, offsets(30, 31));
        c.goldBatch(1, List.of(REVENUE), c.goldThrough(through(3, 1, 2)));  // only daily_revenue changed
        c.commit(SLA, null, null, 0, 0, 0);                               // not by Gold: no txn

        ConsistentCut cut = take();

        assertEquals(1, cut.goldBatch());
        assertEquals(2L, cut.tableVersions().get(REVENUE), "written in batch 1");
        assertEquals(1L, cut.tableVersions().get(ON_HAND), "last written in batch 0");
        assertEquals(1L, cut.tableVersions().get(SLA), "last Gold write, not a later foreign commit");
    }

    @Test
    void a_gold_table_gold_never_wrote_is_cut_at_its_creation() {
        c.domainBatch(Domain.ORDERS, 0, offsets(10, 12));
        c.domainBatch(Domain.INVENTORY, 0, offsets(5, 5));
        c.domainBatch(Domain.FULFILLMENT, 0, offsets(7, 8));
        c.goldBatch(0, List.of(REVENUE), c.goldThrough(through(1, 1, 1)));
        c.goldPlanned(1, c.goldThrough(through(1, 1, 1)));
        c.commit(SLA, c.appId(Query.GOLD, SLA), 1L, 1, 0, 0);           // batch 1 in flight: not committed

        ConsistentCut cut = take();

        assertEquals(0, cut.goldBatch());
        assertEquals(0L, cut.tableVersions().get(ON_HAND), "never written: version 0 of its creation");
        assertEquals(0L, cut.tableVersions().get(SLA), "only written by the uncommitted batch 1");
        assertEquals(1L, cut.tableVersions().get(REVENUE));
    }

    @Test
    void a_silver_compaction_gold_consumed_after_the_last_batch_is_in_the_silver_version() {
        c.domainBatch(Domain.ORDERS, 0, offsets(10, 12));
        c.domainBatch(Domain.ORDERS, 1, offsets(20, 25));               // orders v2
        long optimized = c.compaction("orders");                         // orders v3, dataChange false
        c.domainBatch(Domain.INVENTORY, 0, offsets(5, 5));
        c.domainBatch(Domain.FULFILLMENT, 0, offsets(7, 8));
        String[] sources = c.goldThrough(through(1, 1, 1));
        sources[0] = c.deltaOffset(Domain.ORDERS, optimized + 1, -1);
        c.goldBatch(0, GOLD_TABLES, sources);

        ConsistentCut cut = take();

        assertEquals(1, cut.domains().get(Domain.ORDERS).batchId());
        assertEquals(optimized, cut.tableVersions().get("orders"));
        assertEquals(2L, cut.tableVersions().get("bronze_orders"));
    }

    @Test
    void a_domain_batch_whose_commit_file_is_missing_is_cut_at_its_planned_end_offsets() throws IOException {
        consumedByGoldBatch0();
        Files.delete(c.checkpoint(Query.ORDERS).resolve("commits/1"));   // crashed after its Silver commit

        ConsistentCut cut = take();

        assertEquals(new DomainCut(1, "orders.cdc", Map.of(0, 20L, 1, 25L)), cut.domains().get(Domain.ORDERS));
    }

    @Test
    void a_domain_batch_the_checkpoint_no_longer_holds_fails_and_says_to_let_gold_catch_up() {
        consumedByGoldBatch0();
        c.deleteBatch(Query.ORDERS, 1);
        c.deleteBatch(Query.ORDERS, 0);
        c.domainBatch(Domain.ORDERS, 2, offsets(30, 31));

        CutException e = assertThrows(CutException.class, this::take);

        assertTrue(e.getMessage().contains("no longer has offsets/1 (committed batches kept: 2..2)"), e.getMessage());
        assertTrue(e.getMessage().contains("minBatchesToRetain"), e.getMessage());
    }

    @Test
    void a_json_commit_removed_by_log_cleanup_fails_when_the_cut_needs_it_and_not_otherwise() {
        consumedByGoldBatch0();
        for (long b = 2; b <= 5; b++) {
            c.domainBatch(Domain.ORDERS, b, offsets(30 + b, 31 + b));    // bronze_orders v3..v6
        }
        c.cleanLogBefore("bronze_orders", 2);                             // versions 0, 1 gone: not needed
        assertEquals(2L, take().tableVersions().get("bronze_orders"));

        c.cleanLogBefore("bronze_orders", 3);                             // version 2 (batch 1) gone
        CutException e = assertThrows(CutException.class, this::take);

        assertTrue(e.getMessage().contains("needs commit 2 of"), e.getMessage());
        assertTrue(e.getMessage().contains("00000000000000000002.json is not there (the log holds every JSON commit"
                + " from version 3)"), e.getMessage());
        assertTrue(e.getMessage().contains("delta.logRetentionDuration"), e.getMessage());
    }

    @Test
    void a_domain_gold_has_consumed_nothing_of_is_cut_before_its_first_batch_where_its_query_started() {
        c.domainStarted(Domain.FULFILLMENT, offsets(3, 4));
        c.domainBatch(Domain.ORDERS, 0, offsets(10, 12));
        c.domainBatch(Domain.INVENTORY, 0, offsets(5, 5));
        c.domainBatch(Domain.FULFILLMENT, 0, offsets(7, 8));             // after Gold planned
        c.goldBatch(0, List.of(REVENUE, ON_HAND), c.goldThrough(through(1, 1, 0)));

        ConsistentCut cut = take();

        assertEquals(new DomainCut(-1, "fulfillment.events", Map.of(0, 3L, 1, 4L)),
                cut.domains().get(Domain.FULFILLMENT));
        assertEquals(0L, cut.tableVersions().get("bronze_fulfillment"));
        assertEquals(0L, cut.tableVersions().get("shipments"));
    }

    @Test
    void a_domain_gold_has_consumed_nothing_of_and_whose_query_never_started_fails() throws IOException {
        Files.delete(c.checkpoint(Query.FULFILLMENT).resolve("sources/0/0"));
        c.domainBatch(Domain.ORDERS, 0, offsets(10, 12));
        c.domainBatch(Domain.INVENTORY, 0, offsets(5, 5));
        c.goldBatch(0, List.of(REVENUE, ON_HAND), c.goldThrough(through(1, 1, 0)));

        CutException e = assertThrows(CutException.class, this::take);

        assertTrue(e.getMessage().contains("has never started"), e.getMessage());
    }

    @Test
    void gold_sources_are_matched_to_silver_tables_by_table_id_not_by_position() {
        consumedByGoldBatch0();
        String[] usual = c.goldThrough(through(2, 1, 2));
        c.goldBatch(1, List.of(), usual[2], usual[0], usual[1]);

        ConsistentCut cut = take();

        assertEquals(1, cut.goldBatch());
        assertEquals(1, cut.domains().get(Domain.ORDERS).batchId());
        assertEquals(0, cut.domains().get(Domain.INVENTORY).batchId());
        assertEquals(1, cut.domains().get(Domain.FULFILLMENT).batchId());
    }

    @Test
    void a_gold_source_reading_another_table_fails() {
        consumedByGoldBatch0();
        String[] sources = c.goldThrough(through(2, 1, 2));
        sources[2] = sources[2].replace(c.tableId("shipments"), "00000000-0000-0000-0000-000000000000");
        c.goldBatch(1, List.of(), sources);

        CutException e = assertThrows(CutException.class, this::take);

        assertTrue(e.getMessage().contains("reads Delta table id 00000000-0000-0000-0000-000000000000, which is none"),
                e.getMessage());
    }

    @Test
    void a_gold_offset_beyond_the_silver_log_fails() {
        consumedByGoldBatch0();
        String[] sources = c.goldThrough(through(2, 1, 2));
        sources[0] = c.deltaOffset(Domain.ORDERS, 9, -1);
        c.goldBatch(1, List.of(), sources);

        CutException e = assertThrows(CutException.class, this::take);

        assertTrue(e.getMessage().contains("log ends at version 2"), e.getMessage());
    }

    @Test
    void a_colour_whose_gold_query_never_committed_has_no_cut() {
        c.domainBatch(Domain.ORDERS, 0, offsets(10, 12));

        CutException e = assertThrows(CutException.class, this::take);

        assertTrue(e.getMessage().contains("its Gold query has no committed batch"), e.getMessage());
    }

    @Test
    void a_topic_other_than_the_checkpoints_fails() {
        consumedByGoldBatch0();
        Map<Domain, String> topics = new EnumMap<>(TOPICS);
        topics.put(Domain.ORDERS, "orders.v2");

        CutException e = assertThrows(CutException.class,
                () -> CutTaker.take(Storage.local(), c.layout, topics, GOLD_TABLES, REFERENCE_TABLES, CLOCK));

        assertTrue(e.getMessage().contains("not for 'orders.v2'"), e.getMessage());
    }

    @Test
    void without_table_ids_the_gold_sources_are_taken_in_union_order() {
        consumedByGoldBatch0();
        for (Domain d : Domain.values()) {
            c.deleteChecksums(d.silverTable());
            c.cleanLogBefore(d.silverTable(), 1);
        }

        ConsistentCut cut = take();

        assertEquals(0, cut.goldBatch());
        assertEquals(1, cut.domains().get(Domain.ORDERS).batchId());
        assertEquals(2L, cut.tableVersions().get("shipments"));
    }
}
