package com.retailer.bluegreen.layout;

import java.util.Locale;

/** The streaming queries (and the reference flow) of one colour; each has its own checkpoint and group id. */
public enum Query {
    ORDERS, INVENTORY, FULFILLMENT, GOLD, REFERENCE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
