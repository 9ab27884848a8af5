package com.retailer.bluegreen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ReleaseLayoutTest {

    private static ColourLayout colour(Colour c, String checkpoints, String storage) {
        return new ColourLayout("retail", c, 1, "main", checkpoints, storage);
    }

    @Test
    void release_state_lives_beside_the_colour_roots_under_the_pipeline() {
        ReleaseLayout r = new ReleaseLayout("retail", "main", "s3://lake-bucket/retail/");
        assertEquals("main.retail", r.publishedSchema());
        assertEquals("main.retail.daily_revenue", r.publishedView("daily_revenue"));
        assertEquals("s3://lake-bucket/retail/retail/control", r.controlRoot());
        assertEquals("s3://lake-bucket/retail/retail/control/publish_state", r.controlTableLocation());
        assertEquals("s3://lake-bucket/retail/retail/control/audit_ledger", r.auditLedgerLocation());
        assertEquals("retail-release", r.jobName());
    }

    @Test
    void the_audit_anchor_is_derived_beside_the_ledger_by_one_rule() {
        ReleaseLayout r = new ReleaseLayout("retail", "main", "s3://lake-bucket/retail/");
        assertEquals("s3://lake-bucket/retail/retail/control/audit_ledger_anchor", r.auditAnchorLocation());
        assertEquals(r.auditAnchorLocation(), ReleaseLayout.anchorOf(r.auditLedgerLocation()));
        assertEquals("/tmp/x/ledger-3_anchor", ReleaseLayout.anchorOf("/tmp/x/ledger-3/"));
        assertEquals("local/lake/p/control/audit_ledger_anchor",
                new ReleaseLayout("p", "main", "./local/lake").auditAnchorLocation());
        assertThrows(InvalidLayoutException.class, () -> ReleaseLayout.anchorOf("s3://bucket/"));
    }

    @Test
    void the_published_schema_is_the_one_both_colours_derive() {
        for (Colour c : Colour.values()) {
            ColourLayout l = colour(c, "/ckpt", "/lake");
            ReleaseLayout r = ReleaseLayout.of(l, "/lake");
            assertEquals(l.publishedSchema(), r.publishedSchema());
            assertTrue(r.publishes(l));
        }
        assertFalse(new ReleaseLayout("other", "main", "/lake").publishes(colour(Colour.BLUE, "/c", "/l")));
        assertFalse(new ReleaseLayout("retail", "hive", "/lake").publishes(colour(Colour.BLUE, "/c", "/l")));
    }

    @Test
    void sharing_the_colours_storage_base_collides_with_nothing() {
        ReleaseLayout r = new ReleaseLayout("retail", "main", "/lake");
        for (Colour c : Colour.values()) {
            assertEquals(List.of(), r.collisions(colour(c, "/lake", "/lake")));
        }
    }

    @Test
    void a_control_directory_inside_a_colour_root_or_around_one_is_named() {
        ColourLayout blue = colour(Colour.BLUE, "/ckpt", "/lake");
        List<String> inside = new ReleaseLayout("retail", "main", "/lake/retail/blue/g1").collisions(blue);
        assertEquals(List.of("release control directory '/lake/retail/blue/g1/retail/control' is inside the storage"
                + " root '/lake/retail/blue/g1' of retail/blue/g1"), inside);
        ColourLayout underControl = colour(Colour.GREEN, "/state/retail/control", "/lake");
        List<String> around = new ReleaseLayout("retail", "main", "/state").collisions(underControl);
        assertEquals(List.of("the checkpoint root '/state/retail/control/retail/green/g1' of retail/green/g1 is"
                + " inside the release control directory '/state/retail/control'"), around);
    }

    @Test
    void invalid_components_are_refused_naming_them() {
        InvalidLayoutException e = assertThrows(InvalidLayoutException.class,
                () -> new ReleaseLayout("retail", "main", " "));
        assertEquals("storageBase", e.component());
        assertThrows(InvalidLayoutException.class, () -> new ReleaseLayout("Retail", "main", "/x"));
        assertThrows(InvalidLayoutException.class, () -> new ReleaseLayout("retail", "Main", "/x"));
        assertThrows(InvalidLayoutException.class, () -> new ReleaseLayout("retail", "main", "/x").publishedView("A"));
    }
}
