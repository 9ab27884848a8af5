package com.retailer.bluegreen.testsupport;

import com.retailer.bluegreen.ingest.SchemaRegistry;
import com.retailer.bluegreen.layout.Domain;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * Seeded, deterministic retail traffic for the three source topics, in delivery order, with every irregularity the
 * pipeline must survive: out-of-order and equal-sequence CDC records, deletes followed by older updates, orders
 * moving day/region/category, writer schema v1 and v2, producer-retry duplicates, late events, shipment events out
 * of lifecycle order and repeated milestones, positive and negative stock deltas, rule violations, and undecodable
 * poison of every kind (null value, bad magic, unknown schema id, truncated body, a body that does not match its
 * schema, bytes left over).
 *
 * <p>Values are encoded here, in the Confluent wire format, with writer schemas this generator registers in the
 * given registry (orders v1 and v2 under {@code orders.cdc-value}, …). Same registry state and same
 * {@link GeneratorConfig} give byte-identical output; nothing reads the wall clock.
 *
 * <p>Traffic comes in chunks: chunk {@code k} holds the config's counts of fresh entities (ids never repeat across
 * chunks) on a timeline starting {@code k} chunk-spans after {@code now}. {@link #generate()} is chunk 0;
 * {@link #chunks()} and {@link #stream()} go on forever, for producing at a rate ({@link RateProducer}).
 */
public final class TrafficGenerator {
    private final GeneratorConfig config;
    private final WireEncoder wire;

    /** Registers the writer schemas of {@code config}'s topics in {@code registry}. */
    public TrafficGenerator(SchemaRegistry registry, GeneratorConfig config) {
        this.config = Objects.requireNonNull(config, "config");
        this.wire = new WireEncoder(Objects.requireNonNull(registry, "registry"), config);
    }

    public GeneratorConfig config() {
        return config;
    }

    /** The registered writer schema id of a domain ({@code version} 1 or 2 for orders; ignored otherwise). */
    public int schemaId(Domain domain, int version) {
        return wire.schemaId(domain, version);
    }

    /** The id used for "unknown schema" poison: never registered. */
    public static int unknownSchemaId() {
        return WireEncoder.UNKNOWN_SCHEMA_ID;
    }

    /** The config's traffic: chunk 0. */
    public List<GeneratedRecord> generate() {
        return chunk(0);
    }

    /**
     * About {@code approxTotalEvents} records (entity counts from {@link GeneratorConfig#withApproxTotal}); same
     * seed, tag and fractions as the config. Its ids overlap {@link #generate()}'s: use one or the other per tag.
     */
    public List<GeneratedRecord> generateCount(int approxTotalEvents) {
        return build(config.withApproxTotal(approxTotalEvents), 0);
    }

    /** Chunk {@code index} (0-based) of the endless stream. */
    public List<GeneratedRecord> chunk(int index) {
        if (index < 0) {
            throw new IllegalArgumentException("chunk index must be >= 0, got " + index);
        }
        return build(config, index);
    }

    /** Chunks 0, 1, 2, … without end. */
    public Iterator<List<GeneratedRecord>> chunks() {
        return new Iterator<>() {
            private int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public List<GeneratedRecord> next() {
                return chunk(next++);
            }
        };
    }

    /** The records of {@link #chunks()} one by one, without end (an empty config yields nothing). */
    public Iterator<GeneratedRecord> stream() {
        if (config.orders() + config.inventoryEvents() + config.shipments() == 0) {
            return Collections.emptyIterator();
        }
        Iterator<List<GeneratedRecord>> chunks = chunks();
        return new Iterator<>() {
            private Iterator<GeneratedRecord> current = Collections.emptyIterator();

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public GeneratedRecord next() {
                while (!current.hasNext()) {
                    current = chunks.next().iterator();
                }
                if (!current.hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private List<GeneratedRecord> build(GeneratorConfig cfg, int chunk) {
        ChunkContext ctx = new ChunkContext(cfg, wire, chunk);
        List<String> orderIds = new OrderHistories(ctx).draft();
        StockAndShipments stockAndShipments = new StockAndShipments(ctx);
        stockAndShipments.draftInventory();
        List<String> shipmentIds = stockAndShipments.draftShipments(orderIds);
        int bad = (int) Math.round(ctx.originals() * cfg.poisonFraction());
        ctx.addRetryDuplicates();
        new PoisonFactory(ctx, orderIds, shipmentIds).draft(bad);
        return ctx.deliveryOrder();
    }
}
