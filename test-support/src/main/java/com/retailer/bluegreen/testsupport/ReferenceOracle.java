package com.retailer.bluegreen.testsupport;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The reference tables after loading files in the given order: {@code effective_date} is the folder date,
 * {@code file_checksum} the file's SHA-256; a file already loaded for its date (some row of the table carries that
 * checksum and that effective date) is skipped, and rows MERGE on {@code (id, effective_date)}.
 */
final class ReferenceOracle {
    private final Map<Expected.ProductKey, Expected.ProductRow> products = new HashMap<>();
    private final Map<Expected.WarehouseKey, Expected.WarehouseRow> warehouses = new HashMap<>();
    private final Map<Expected.CarrierKey, Expected.CarrierRow> carriers = new HashMap<>();

    ReferenceOracle(List<ReferenceFiles.ReferenceFile> files) {
        Map<ReferenceFiles.Table, Set<String>> loaded = new HashMap<>();
        for (ReferenceFiles.ReferenceFile f : files) {
            Set<String> checksumsByDate = loaded.computeIfAbsent(f.table(), t -> new HashSet<>());
            String loadKey = f.sha256() + "@" + f.date();
            if (checksumsByDate.contains(loadKey)) {
                continue;
            }
            if (!f.rows().isEmpty()) {
                checksumsByDate.add(loadKey);
            }
            for (List<String> row : f.rows()) {
                load(f, row);
            }
        }
    }

    private void load(ReferenceFiles.ReferenceFile f, List<String> row) {
        switch (f.table()) {
            case PRODUCTS -> products.put(new Expected.ProductKey(row.get(0), f.date()), new Expected.ProductRow(
                    row.get(0), row.get(1), Long.parseLong(row.get(2)), f.date(), f.sha256()));
            case WAREHOUSES -> warehouses.put(new Expected.WarehouseKey(row.get(0), f.date()),
                    new Expected.WarehouseRow(row.get(0), row.get(1), f.date(), f.sha256()));
            case CARRIERS -> carriers.put(new Expected.CarrierKey(row.get(0), f.date()),
                    new Expected.CarrierRow(row.get(0), row.get(1), f.date(), f.sha256()));
        }
    }

    Map<Expected.ProductKey, Expected.ProductRow> products() {
        return products;
    }

    Map<Expected.WarehouseKey, Expected.WarehouseRow> warehouses() {
        return warehouses;
    }

    Map<Expected.CarrierKey, Expected.CarrierRow> carriers() {
        return carriers;
    }
}
