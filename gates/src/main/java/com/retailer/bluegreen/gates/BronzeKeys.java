package com.retailer.bluegreen.gates;

import com.retailer.bluegreen.layout.Domain;
import java.util.List;

/**
 * Where both colours' Bronze tables of a Silver table's topic are, and how a Bronze row names the Silver key, so the
 * reconciler can exclude every key that a record beyond the cut <em>touched</em>, not only keys whose current row
 * came from beyond the cut.
 *
 * <p>The difference matters for {@code shipments}: a late event of a lower lifecycle rank does not win, so the row
 * keeps the winning record's {@code src_offset}, yet it can lower a milestone timestamp ({@code picked_ts}, …). A
 * colour that is ahead then holds different content under an offset inside the cut, which the Silver columns alone
 * cannot reveal. Bronze has every record with its partition, offset and decoded key.
 *
 * @param liveLocation      the live colour's Bronze table
 * @param candidateLocation the candidate's Bronze table
 * @param keyExpressions    SQL over a Bronze row giving the Silver key columns, in the spec's key order
 */
public record BronzeKeys(String liveLocation, String candidateLocation, List<String> keyExpressions) {

    public BronzeKeys {
        if (liveLocation == null || candidateLocation == null || liveLocation.equals(candidateLocation)) {
            throw new IllegalArgumentException("Bronze locations of the two colours must both be given and differ,"
                    + " were " + liveLocation + " and " + candidateLocation);
        }
        keyExpressions = List.copyOf(keyExpressions);
        if (keyExpressions.isEmpty()) {
            throw new IllegalArgumentException("Bronze key expressions must name the Silver key, e.g."
                    + " payload.shipment_id");
        }
    }

    /** The Bronze tables of {@code domain}: each record's key is {@code payload.<silver key>}. */
    public static BronzeKeys forDomain(Domain domain, String liveLocation, String candidateLocation) {
        String key = switch (domain) {
            case ORDERS -> "payload.order_id";
            case INVENTORY -> "payload.event_id";
            case FULFILLMENT -> "payload.shipment_id";
        };
        return new BronzeKeys(liveLocation, candidateLocation, List.of(key));
    }
}
