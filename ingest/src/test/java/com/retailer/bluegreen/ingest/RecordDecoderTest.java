package com.retailer.bluegreen.ingest;

import static com.retailer.bluegreen.ingest.AvroFixtures.body;
import static com.retailer.bluegreen.ingest.AvroFixtures.framed;
import static com.retailer.bluegreen.ingest.AvroFixtures.fulfillment;
import static com.retailer.bluegreen.ingest.AvroFixtures.inventory;
import static com.retailer.bluegreen.ingest.AvroFixtures.orderV1;
import static com.retailer.bluegreen.ingest.AvroFixtures.orderV2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.Domain;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RecordDecoderTest {
    private InMemorySchemaRegistry registry;
    private int ordersV1;
    private int ordersV2;
    private int inventoryV1;
    private int fulfillmentV1;

    @BeforeEach
    void registerEveryWriterVersion() {
        registry = new InMemorySchemaRegistry();
        List<Integer> orders = ReaderSchemas.registerAll(registry, Domain.ORDERS, "orders.cdc");
        ordersV1 = orders.get(0);
        ordersV2 = orders.get(1);
        inventoryV1 = ReaderSchemas.registerLatest(registry, Domain.INVENTORY, "inventory.events");
        fulfillmentV1 = ReaderSchemas.registerLatest(registry, Domain.FULFILLMENT, "fulfillment.events");
    }

    private DecodeResult decode(Domain domain, byte[] value) {
        return new RecordDecoder(domain, registry).decode(value);
    }

    private static void assertStatus(DecodeStatus status, String reason, DecodeResult result) {
        assertEquals(status, result.status(), () -> "reason was: " + result.reason());
        assertEquals(reason, result.reason());
    }

    @Nested
    class BeforeTheHeader {
        @Test
        void aNullValueIsNullValue() {
            DecodeResult result = decode(Domain.ORDERS, null);
            assertEquals(new DecodeResult(DecodeStatus.NULL_VALUE, "null value", null, null), result);
        }

        @Test
        void anEmptyValueIsNullValue() {
            assertStatus(DecodeStatus.NULL_VALUE, "null value", decode(Domain.ORDERS, new byte[0]));
        }

        @Test
        void threeBytesAreBadMagicNamingTheLength() {
            DecodeResult result = decode(Domain.ORDERS, new byte[] {0, 0, 1});
            assertEquals(DecodeStatus.BAD_MAGIC, result.status());
            assertTrue(result.reason().contains("3 byte(s)"), result.reason());
            assertNull(result.schemaId());
            assertNull(result.record());
        }

        @Test
        void magicByteOneIsBadMagicNamingTheByteEvenWhenTheRestIsAValidRecord() {
            byte[] value = framed(ordersV2, orderV2("c", "o-1", false, true));
            value[0] = 1;
            DecodeResult result = decode(Domain.ORDERS, value);
            assertEquals(DecodeStatus.BAD_MAGIC, result.status());
            assertTrue(result.reason().contains("0x01"), result.reason());
            assertNull(result.schemaId());
        }

        @Test
        void aBadHeaderNeverAsksTheRegistry() {
            CountingRegistry counting = new CountingRegistry(registry);
            new RecordDecoder(Domain.ORDERS, counting).decode(new byte[] {7, 0, 0, 0, 1, 2});
            assertEquals(0, counting.lookups.get());
        }
    }

    @Nested
    class SchemaLookup {
        @Test
        void anUnknownSchemaIdIsUnknownSchemaNamingTheId() {
            DecodeResult result = decode(Domain.ORDERS, framed(4242, orderV2("c", "o-1", false, true)));
            assertEquals(DecodeStatus.UNKNOWN_SCHEMA, result.status());
            assertEquals(4242, result.schemaId());
            assertTrue(result.reason().contains("4242"), result.reason());
            assertNull(result.record());
        }

        @Test
        void anUnreachableRegistryPropagatesInsteadOfBecomingAStatus() {
            SchemaRegistry down = new SchemaRegistry() {
                @Override
                public int register(String subject, Schema schema) {
                    throw new UnsupportedOperationException();
                }

                @Override
                public Schema schemaById(int id) {
                    throw new RegistryUnavailableException("registry down", null);
                }
            };
            RecordDecoder decoder = new RecordDecoder(Domain.ORDERS, down);
            byte[] value = framed(ordersV2, orderV2("c", "o-1", false, true));
            RegistryUnavailableException e = assertThrows(RegistryUnavailableException.class, () -> decoder.decode(value));
            assertEquals("registry down", e.getMessage());
        }

        @Test
        void theWriterSchemaIsFetchedOncePerIdNoMatterHowManyRecords() {
            CountingRegistry counting = new CountingRegistry(registry);
            RecordDecoder decoder = new RecordDecoder(Domain.ORDERS, counting);
            for (int i = 0; i < 50; i++) {
                assertTrue(decoder.decode(framed(ordersV2, orderV2("c", "o-" + i, false, true))).isOk());
                assertTrue(decoder.decode(framed(ordersV1, orderV1("u", "o-" + i, true, true))).isOk());
            }
            assertEquals(2, counting.lookups.get());
        }

        @Test
        void anUnknownIdIsAskedAgainSoALateRegistrationIsPickedUp() {
            InMemorySchemaRegistry empty = new InMemorySchemaRegistry();
            RecordDecoder decoderOnEmpty = new RecordDecoder(Domain.INVENTORY, empty);
            byte[] value = framed(1, inventory("e-1", "sku-1"));
            assertEquals(DecodeStatus.UNKNOWN_SCHEMA, decoderOnEmpty.decode(value).status());
            ReaderSchemas.registerLatest(empty, Domain.INVENTORY, "inventory.events");
            assertEquals(DecodeStatus.OK, decoderOnEmpty.decode(value).status());
        }
    }

    @Nested
    class Malformed {
        @Test
        void aTruncatedBodyIsMalformed() {
            byte[] whole = framed(ordersV2, orderV2("c", "o-1", false, true));
            DecodeResult result = decode(Domain.ORDERS, Arrays.copyOf(whole, whole.length - 3));
            assertEquals(DecodeStatus.MALFORMED, result.status());
            assertEquals(ordersV2, result.schemaId());
            assertTrue(result.reason().contains("truncated"), result.reason());
            assertNull(result.record());
        }

        @Test
        void aHeaderWithAnEmptyBodyIsMalformed() {
            DecodeResult result = decode(Domain.INVENTORY, WireFormat.encode(inventoryV1, new byte[0]));
            assertEquals(DecodeStatus.MALFORMED, result.status());
        }

        @Test
        void bytesLeftOverAfterTheRecordAreMalformed() {
            byte[] body = body(inventory("e-1", "sku-1"));
            byte[] padded = Arrays.copyOf(body, body.length + 2);
            DecodeResult result = decode(Domain.INVENTORY, WireFormat.encode(inventoryV1, padded));
            assertEquals(DecodeStatus.MALFORMED, result.status());
            assertTrue(result.reason().contains("2 byte(s) left over"), result.reason());
        }

        @Test
        void aLongWhereAStringIsExpectedIsMalformedWithTheDecodersNegativeLengthMessage() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            encoder.writeLong(-5);  // zigzag varint 0x09, read back as the length of "op"
            encoder.writeString("rest");
            encoder.flush();
            DecodeResult result = decode(Domain.ORDERS, WireFormat.encode(ordersV2, out.toByteArray()));
            assertEquals(DecodeStatus.MALFORMED, result.status());
            assertTrue(result.reason().toLowerCase().contains("negative"), result.reason());
            assertTrue(result.reason().contains("-5"), result.reason());
        }

        @Test
        void aStringLengthFarBeyondTheValueIsMalformedRatherThanAnAllocationFailure() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            encoder.writeLong(1_500_000_000L);  // read as the length of "op": 1.5 GB for a 5-byte body
            encoder.flush();
            DecodeResult result = decode(Domain.ORDERS, WireFormat.encode(ordersV2, out.toByteArray()));
            assertEquals(DecodeStatus.MALFORMED, result.status());
            assertTrue(result.reason().contains("longer than"), result.reason());
        }

        @Test
        void aUnionBranchIndexOutOfRangeIsMalformed() throws Exception {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
            encoder.writeString("c");
            encoder.writeString("o-1");
            encoder.writeLong(1);
            encoder.writeLong(2);
            encoder.writeIndex(7);  // "before" is a 2-branch union
            encoder.flush();
            DecodeResult result = decode(Domain.ORDERS, WireFormat.encode(ordersV2, out.toByteArray()));
            assertEquals(DecodeStatus.MALFORMED, result.status());
            assertTrue(result.reason().contains("Index 7"), result.reason());
        }

        @Test
        void aRecordWrittenWithAnotherTopicsSchemaIsMalformed() {
            DecodeResult result = decode(Domain.ORDERS, framed(inventoryV1, inventory("e-1", "sku-1")));
            assertEquals(DecodeStatus.MALFORMED, result.status());
            assertEquals(inventoryV1, result.schemaId());
        }
    }

    @Nested
    class OrdersRules {
        @ParameterizedTest
        @ValueSource(strings = {"x", "", "C", "insert"})
        void anOpOutsideCudViolatesOpValid(String op) {
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:op_valid",
                    decode(Domain.ORDERS, framed(ordersV2, orderV2(op, "o-1", true, true))));
        }

        @Test
        void anEmptyOrderIdViolatesOrderIdPresent() {
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:order_id_present",
                    decode(Domain.ORDERS, framed(ordersV2, orderV2("u", "", true, true))));
        }

        @Test
        void anInsertWithoutAnAfterImageViolatesImagePresent() {
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:image_present",
                    decode(Domain.ORDERS, framed(ordersV2, orderV2("c", "o-1", true, false))));
        }

        @Test
        void anUpdateWithoutAnAfterImageViolatesImagePresent() {
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:image_present",
                    decode(Domain.ORDERS, framed(ordersV2, orderV2("u", "o-1", true, false))));
        }

        @Test
        void aDeleteWithoutABeforeImageViolatesImagePresent() {
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:image_present",
                    decode(Domain.ORDERS, framed(ordersV2, orderV2("d", "o-1", false, true))));
        }

        @Test
        void aDeleteWithOnlyABeforeImageIsOk() {
            assertStatus(DecodeStatus.OK, null, decode(Domain.ORDERS, framed(ordersV2, orderV2("d", "o-1", true, false))));
        }

        @Test
        void theFirstFailingRuleInDocumentOrderWins() {
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:op_valid",
                    decode(Domain.ORDERS, framed(ordersV2, orderV2("z", "", false, false))));
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:order_id_present",
                    decode(Domain.ORDERS, framed(ordersV2, orderV2("c", "", false, false))));
        }

        @Test
        void aRuleViolationKeepsTheSchemaIdAndTheDecodedRecord() {
            DecodeResult result = decode(Domain.ORDERS, framed(ordersV1, orderV1("c", "", false, true)));
            assertEquals(ordersV1, result.schemaId());
            assertEquals("", result.record().get("order_id").toString());
        }

        @Test
        void rulesRunOnTheResolvedRecordOfAV1Writer() {
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:image_present",
                    decode(Domain.ORDERS, framed(ordersV1, orderV1("d", "o-1", false, false))));
        }
    }

    @Nested
    class InventoryRules {
        @Test
        void anEmptyEventIdViolatesEventIdPresent() {
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:event_id_present",
                    decode(Domain.INVENTORY, framed(inventoryV1, inventory("", "sku-1"))));
        }

        @Test
        void anEmptySkuViolatesSkuPresent() {
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:sku_present",
                    decode(Domain.INVENTORY, framed(inventoryV1, inventory("e-1", ""))));
        }

        @Test
        void eventIdIsCheckedBeforeSku() {
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:event_id_present",
                    decode(Domain.INVENTORY, framed(inventoryV1, inventory("", ""))));
        }

        @Test
        void aCompleteMovementIsOk() {
            DecodeResult result = decode(Domain.INVENTORY, framed(inventoryV1, inventory("e-1", "sku-1")));
            assertStatus(DecodeStatus.OK, null, result);
            assertEquals(-3, result.record().get("quantity_delta"));
        }
    }

    @Nested
    class FulfillmentRules {
        @Test
        void anEmptyEventIdViolatesEventIdPresent() {
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:event_id_present",
                    decode(Domain.FULFILLMENT, framed(fulfillmentV1, fulfillment("", "s-1", "SHIPPED"))));
        }

        @Test
        void anEmptyShipmentIdViolatesShipmentIdPresent() {
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:shipment_id_present",
                    decode(Domain.FULFILLMENT, framed(fulfillmentV1, fulfillment("e-1", "", "SHIPPED"))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"LOST", "shipped", "", "CANCELLED"})
        void aStatusOutsideTheLifecycleViolatesStatusValid(String status) {
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:status_valid",
                    decode(Domain.FULFILLMENT, framed(fulfillmentV1, fulfillment("e-1", "s-1", status))));
        }

        @Test
        void shipmentIdIsCheckedBeforeStatus() {
            assertStatus(DecodeStatus.RULE_VIOLATION, "rule:shipment_id_present",
                    decode(Domain.FULFILLMENT, framed(fulfillmentV1, fulfillment("e-1", "", "LOST"))));
        }

        @ParameterizedTest
        @ValueSource(strings = {"PICKED", "PACKED", "SHIPPED", "DELIVERED"})
        void everyLifecycleStatusIsOk(String status) {
            assertStatus(DecodeStatus.OK, null,
                    decode(Domain.FULFILLMENT, framed(fulfillmentV1, fulfillment("e-1", "s-1", status))));
        }
    }

    @Nested
    class Resolution {
        @Test
        void aV1OrderResolvesWithCurrencyUsdAndChannelUnknown() {
            DecodeResult result = decode(Domain.ORDERS, framed(ordersV1, orderV1("u", "o-1", true, true)));
            assertStatus(DecodeStatus.OK, null, result);
            assertEquals(ordersV1, result.schemaId());
            GenericRecord after = (GenericRecord) result.record().get("after");
            GenericRecord before = (GenericRecord) result.record().get("before");
            assertEquals("USD", after.get("currency").toString());
            assertEquals("unknown", after.get("channel").toString());
            assertEquals("USD", before.get("currency").toString());
            assertEquals("PAID", after.get("status").toString());
            assertEquals(1999L, after.get("amount_cents"));
        }

        @Test
        void aV2OrderIsOkAndKeepsItsOwnCurrencyAndChannel() {
            DecodeResult result = decode(Domain.ORDERS, framed(ordersV2, orderV2("c", "o-1", false, true)));
            assertStatus(DecodeStatus.OK, null, result);
            GenericRecord after = (GenericRecord) result.record().get("after");
            assertEquals("EUR", after.get("currency").toString());
            assertEquals("web", after.get("channel").toString());
            assertNull(result.record().get("before"));
        }

        @Test
        void everyRecordComesOutInTheReaderSchema() {
            DecodeResult v1 = decode(Domain.ORDERS, framed(ordersV1, orderV1("c", "o-1", false, true)));
            assertSame(ReaderSchemas.forDomain(Domain.ORDERS), v1.record().getSchema());
        }
    }

    @Test
    void oneDecoderServesManyThreadsAtOnce() throws Exception {
        RecordDecoder decoder = new RecordDecoder(Domain.ORDERS, new CountingRegistry(registry));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 0; i < 500; i++) {
                        boolean v1 = (i + thread) % 2 == 0;
                        String id = "o-" + thread + "-" + i;
                        byte[] value = v1 ? framed(ordersV1, orderV1("c", id, false, true))
                                : framed(ordersV2, orderV2("c", id, false, true));
                        DecodeResult r = decoder.decode(value);
                        GenericRecord after = (GenericRecord) r.record().get("after");
                        if (r.isOk() && id.equals(r.record().get("order_id").toString())
                                && (v1 ? "USD" : "EUR").equals(after.get("currency").toString())) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            for (Future<Integer> f : futures) {
                assertEquals(500, f.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** Delegates to a registry and counts schema lookups. */
    private static final class CountingRegistry implements SchemaRegistry {
        final AtomicInteger lookups = new AtomicInteger();
        private final SchemaRegistry delegate;

        CountingRegistry(SchemaRegistry delegate) {
            this.delegate = delegate;
        }

        @Override
        public int register(String subject, Schema schema) {
            return delegate.register(subject, schema);
        }

        @Override
        public Schema schemaById(int id) throws SchemaNotFoundException {
            lookups.incrementAndGet();
            return delegate.schemaById(id);
        }
    }
}
