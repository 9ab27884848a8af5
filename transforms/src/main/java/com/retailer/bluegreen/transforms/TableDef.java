package com.retailer.bluegreen.transforms;

import java.util.List;
import java.util.Map;

/**
 * One Delta table of a colour: its name inside the colour's schema, columns (Spark DDL), liquid-clustering keys
 * and table properties.
 */
public record TableDef(String name, String columnsDdl, List<String> clusterBy, Map<String, String> properties) {
    public TableDef {
        clusterBy = List.copyOf(clusterBy);
        properties = Map.copyOf(properties);
    }
}
