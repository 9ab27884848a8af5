package com.retailer.bluegreen.layout;

/** A source domain: one Kafka topic, one Bronze table, one Silver table, one streaming query. */
public enum Domain {
    ORDERS("orders", "orders.cdc", "bronze_orders", "orders"),
    INVENTORY("inventory", "inventory.events", "bronze_inventory", "inventory_movements"),
    FULFILLMENT("fulfillment", "fulfillment.events", "bronze_fulfillment", "shipments");

    private final String id;
    private final String defaultTopic;
    private final String bronzeTable;
    private final String silverTable;

    Domain(String id, String defaultTopic, String bronzeTable, String silverTable) {
        this.id = id;
        this.defaultTopic = defaultTopic;
        this.bronzeTable = bronzeTable;
        this.silverTable = silverTable;
    }

    public String id() { return id; }

    public String defaultTopic() { return defaultTopic; }

    public String bronzeTable() { return bronzeTable; }

    public String silverTable() { return silverTable; }

    /** The streaming query that ingests this domain. */
    public Query query() { return Query.valueOf(name()); }
}
