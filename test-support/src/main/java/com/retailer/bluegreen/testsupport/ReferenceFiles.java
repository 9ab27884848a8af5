package com.retailer.bluegreen.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

/**
 * Daily reference files as the source system drops them: {@code <inbox>/<yyyy-MM-dd>/products.csv},
 * {@code warehouses.csv} and {@code carriers.csv}, UTF-8, header row first, no quoting (no value contains a comma).
 *
 * <p>{@link #write} makes {@code days} seeded days: every day some product prices change and now and then a product
 * changes category or a new sku appears; a warehouse moves region on one day; carrier files are byte-identical
 * from day to day except for one rename — so a loader that skips files by checksum has something to skip.
 */
public final class ReferenceFiles {

    /** The three reference tables, with their file name and CSV header. */
    public enum Table {
        PRODUCTS("products.csv", List.of("sku", "category", "price_cents")),
        WAREHOUSES("warehouses.csv", List.of("warehouse_id", "region")),
        CARRIERS("carriers.csv", List.of("carrier_id", "name"));

        private final String fileName;
        private final List<String> header;

        Table(String fileName, List<String> header) {
            this.fileName = fileName;
            this.header = header;
        }

        public String fileName() {
            return fileName;
        }

        public List<String> header() {
            return header;
        }
    }

    /** One file as written: its table, folder date, path, SHA-256 (hex, lowercase) and data rows (no header). */
    public record ReferenceFile(Table table, LocalDate date, Path path, String sha256, List<List<String>> rows) {
        public ReferenceFile {
            rows = rows.stream().map(List::copyOf).toList();
        }
    }

    private ReferenceFiles() {
    }

    /** Writes {@code days} days of files starting at {@code firstDay}; returns them in (date, table) order. */
    public static List<ReferenceFile> write(Path inbox, LocalDate firstDay, int days, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<List<String>> products = new ArrayList<>();
        for (int i = 0; i < Vocabulary.SKU_COUNT - 4; i++) {
            products.add(List.of(Vocabulary.sku(i), Vocabulary.baseCategory(i),
                    String.valueOf(Vocabulary.basePriceCents(i))));
        }
        List<List<String>> warehouses = new ArrayList<>();
        for (int i = 0; i < Vocabulary.WAREHOUSE_COUNT; i++) {
            warehouses.add(List.of(Vocabulary.warehouse(i), Vocabulary.warehouseRegion(i)));
        }
        List<List<String>> carriers = new ArrayList<>();
        for (String id : Vocabulary.CARRIER_IDS) {
            carriers.add(List.of(id, Vocabulary.CARRIERS.get(id)));
        }
        List<ReferenceFile> written = new ArrayList<>();
        for (int d = 0; d < days; d++) {
            if (d > 0) {
                evolveProducts(products, rnd, d);
                if (d == 2) {
                    warehouses.set(4, List.of(warehouses.get(4).get(0), "NA-WEST"));
                }
                if (d == 3) {
                    carriers.set(2, List.of("DHL", "DHL eCommerce"));
                }
            }
            LocalDate day = firstDay.plusDays(d);
            written.add(writeFile(inbox, day, Table.PRODUCTS, products));
            written.add(writeFile(inbox, day, Table.WAREHOUSES, warehouses));
            written.add(writeFile(inbox, day, Table.CARRIERS, carriers));
        }
        return List.copyOf(written);
    }

    private static void evolveProducts(List<List<String>> products, SplittableRandom rnd, int day) {
        for (int i = 0; i < products.size(); i++) {
            List<String> row = products.get(i);
            double r = rnd.nextDouble();
            if (r < 0.10) {
                long price = Long.parseLong(row.get(2));
                long changed = Math.max(99, price + (rnd.nextBoolean() ? 1 : -1) * (50 + rnd.nextLong(500)));
                products.set(i, List.of(row.get(0), row.get(1), String.valueOf(changed)));
            } else if (r < 0.13) {
                String category = Vocabulary.CATEGORIES.get(rnd.nextInt(Vocabulary.CATEGORIES.size()));
                products.set(i, List.of(row.get(0), category, row.get(2)));
            }
        }
        int next = products.size();
        if (day % 2 == 1 && next < Vocabulary.SKU_COUNT) {
            products.add(List.of(Vocabulary.sku(next), Vocabulary.baseCategory(next),
                    String.valueOf(Vocabulary.basePriceCents(next))));
        }
    }

    /** Writes one file (e.g. a late or corrected file) with the header of its table. */
    public static ReferenceFile writeFile(Path inbox, LocalDate day, Table table, List<List<String>> rows) {
        StringBuilder csv = new StringBuilder(String.join(",", table.header())).append('\n');
        for (List<String> row : rows) {
            if (row.size() != table.header().size() || row.stream().anyMatch(v -> v.contains(",") || v.contains("\n"))) {
                throw new IllegalArgumentException("Row " + row + " does not fit " + table.fileName() + " "
                        + table.header() + ": one value per column, no commas or newlines.");
            }
            csv.append(String.join(",", row)).append('\n');
        }
        byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
        Path path = inbox.resolve(day.toString()).resolve(table.fileName());
        try {
            Files.createDirectories(path.getParent());
            Files.write(path, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
        return new ReferenceFile(table, day, path, sha256(bytes), rows);
    }

    /** Reads every reference file under {@code inbox} (folders named {@code yyyy-MM-dd}), in (date, table) order. */
    public static List<ReferenceFile> read(Path inbox) {
        List<ReferenceFile> files = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(inbox)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                LocalDate day;
                try {
                    day = LocalDate.parse(dir.getFileName().toString());
                } catch (DateTimeParseException e) {
                    continue;
                }
                for (Table table : Table.values()) {
                    Path file = dir.resolve(table.fileName());
                    if (Files.isRegularFile(file)) {
                        files.add(parse(table, day, file, Files.readAllBytes(file)));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read reference inbox " + inbox, e);
        }
        return List.copyOf(files);
    }

    private static ReferenceFile parse(Table table, LocalDate day, Path path, byte[] bytes) {
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
        List<List<String>> rows = new ArrayList<>();
        for (String line : lines.subList(Math.min(1, lines.size()), lines.size())) {
            rows.add(Arrays.asList(line.split(",", -1)));
        }
        return new ReferenceFile(table, day, path, sha256(bytes), rows);
    }

    /** SHA-256 of the bytes, lowercase hex. */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is always available", e);
        }
    }
}
