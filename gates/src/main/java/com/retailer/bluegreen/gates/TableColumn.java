package com.retailer.bluegreen.gates;

import java.util.Locale;

/**
 * One column of a colour's table as the catalog describes it.
 *
 * @param name     the column name (compared case-insensitively, as Spark does; stored lower case)
 * @param type     a Spark SQL type string as {@code DESCRIBE}, {@code DataType.simpleString()},
 *                 {@code catalogString()} or {@code sql()} give it ({@code bigint}, {@code decimal(18,2)}, …)
 * @param nullable whether the column accepts nulls
 */
public record TableColumn(String name, String type, boolean nullable) {

    public TableColumn {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a table column needs a name");
        }
        if (type == null || type.isBlank()) {
            throw new IllegalArgumentException("column '" + name + "' needs a type");
        }
        name = name.toLowerCase(Locale.ROOT);
    }
}
