package com.retailer.bluegreen.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReferenceFilesTest {
    static final LocalDate FIRST = LocalDate.parse("2026-02-25");

    @Test
    void writesDailyFoldersWithHeaderRowsAndChecksums(@TempDir Path inbox) throws Exception {
        List<ReferenceFiles.ReferenceFile> files = ReferenceFiles.write(inbox, FIRST, 5, 42);
        assertEquals(15, files.size());
        Path products = inbox.resolve("2026-02-25").resolve("products.csv");
        List<String> lines = Files.readAllLines(products);
        assertEquals("sku,category,price_cents", lines.get(0));
        assertEquals(ReferenceFiles.sha256(Files.readAllBytes(products)), files.get(0).sha256());
        assertEquals(files, ReferenceFiles.read(inbox));
        assertEquals("warehouse_id,region", Files.readAllLines(inbox.resolve("2026-02-27/warehouses.csv")).get(0));
    }

    @Test
    void sameSeedSameFilesAndRowsChangeAcrossDays(@TempDir Path a, @TempDir Path b) {
        List<ReferenceFiles.ReferenceFile> one = ReferenceFiles.write(a, FIRST, 5, 7);
        List<ReferenceFiles.ReferenceFile> two = ReferenceFiles.write(b, FIRST, 5, 7);
        assertEquals(one.stream().map(ReferenceFiles.ReferenceFile::sha256).toList(),
                two.stream().map(ReferenceFiles.ReferenceFile::sha256).toList());
        List<String> productChecksums = checksums(one, ReferenceFiles.Table.PRODUCTS);
        assertEquals(5, productChecksums.stream().distinct().count(), "products change every day");
        List<String> carriers = checksums(one, ReferenceFiles.Table.CARRIERS);
        assertEquals(carriers.get(0), carriers.get(1), "unchanged carrier files are byte-identical");
        assertNotEquals(carriers.get(2), carriers.get(3), "one carrier is renamed on day 3");
    }

    @Test
    void everyDayIsEffectiveDatedEvenWhenItsFileIsIdenticalToThePreviousDays(@TempDir Path inbox) {
        List<ReferenceFiles.ReferenceFile> files = ReferenceFiles.write(inbox, FIRST, 5, 7);
        Expected e = Oracle.compute(List.of(), files);
        List<LocalDate> allDays = List.of(FIRST, FIRST.plusDays(1), FIRST.plusDays(2), FIRST.plusDays(3),
                FIRST.plusDays(4));
        List<LocalDate> carrierDates = e.carriers().keySet().stream().map(Expected.CarrierKey::effectiveDate)
                .distinct().sorted().toList();
        assertEquals(allDays, carrierDates);
        List<LocalDate> warehouseDates = e.warehouses().keySet().stream().map(Expected.WarehouseKey::effectiveDate)
                .distinct().sorted().toList();
        assertEquals(allDays, warehouseDates);
        assertEquals(5, e.products().keySet().stream().map(Expected.ProductKey::effectiveDate).distinct().count());
        Expected.CarrierRow dhl = e.carriers().get(new Expected.CarrierKey("DHL", FIRST.plusDays(3)));
        assertEquals("DHL eCommerce", dhl.name());
        assertEquals(files.get(11).sha256(), dhl.fileChecksum());
        Expected.ProductRow first = e.products().get(new Expected.ProductKey("SKU-0001", FIRST));
        assertTrue(first.priceCents() > 0 && first.category().equals("ELECTRONICS"));
        List<ReferenceFiles.ReferenceFile> twice = new java.util.ArrayList<>(files);
        twice.addAll(ReferenceFiles.read(inbox));
        assertEquals(e, Oracle.compute(List.of(), twice), "a re-run changes nothing");
    }

    private static List<String> checksums(List<ReferenceFiles.ReferenceFile> files, ReferenceFiles.Table table) {
        return files.stream().filter(f -> f.table() == table).map(ReferenceFiles.ReferenceFile::sha256)
                .collect(Collectors.toList());
    }
}
