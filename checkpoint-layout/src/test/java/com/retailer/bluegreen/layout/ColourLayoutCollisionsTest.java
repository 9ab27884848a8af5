package com.retailer.bluegreen.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.retailer.bluegreen.layout.ColourLayout.Collision;
import com.retailer.bluegreen.layout.ColourLayout.Resource;
import java.util.List;
import org.junit.jupiter.api.Test;

class ColourLayoutCollisionsTest {

    private static ColourLayout layout(Colour colour, int generation, String checkpointBase, String storageBase) {
        return new ColourLayout("retail", colour, generation, "main", checkpointBase, storageBase);
    }

    @Test
    void blue_and_green_on_the_same_bases_share_nothing() {
        ColourLayout blue = layout(Colour.BLUE, 1, "/Volumes/main/ops/ckpt", "s3://lake/retail");
        ColourLayout green = layout(Colour.GREEN, 1, "/Volumes/main/ops/ckpt/", "s3://lake/retail/");
        assertEquals(List.of(), ColourLayout.collisions(blue, green));
    }

    @Test
    void two_generations_of_one_colour_share_schema_and_group_but_not_checkpoints_or_app_ids() {
        ColourLayout g1 = layout(Colour.BLUE, 1, "/ckpt", "/lake");
        List<Collision> found = ColourLayout.collisionsBetween(g1, g1.nextGeneration());
        assertEquals(List.of(Resource.SCHEMA, Resource.KAFKA_GROUP, Resource.KAFKA_GROUP, Resource.KAFKA_GROUP,
                Resource.KAFKA_GROUP, Resource.KAFKA_GROUP), found.stream().map(Collision::first).toList());
    }

    @Test
    void a_checkpoint_root_nested_inside_the_other_colours_root_is_a_collision() {
        ColourLayout blue = layout(Colour.BLUE, 1, "/ckpt", "/lake/blue");
        ColourLayout green = layout(Colour.GREEN, 1, "/ckpt/retail/blue/g1/", "/lake/green");
        List<Collision> found = ColourLayout.collisionsBetween(blue, green);
        assertEquals(1, found.size(), found.toString());
        assertEquals(Resource.CHECKPOINT_ROOT, found.get(0).first());
        assertEquals(Resource.CHECKPOINT_ROOT, found.get(0).second());
        assertEquals("checkpoint root '/ckpt/retail/blue/g1/retail/green/g1' of retail/green/g1 is inside"
                + " checkpoint root '/ckpt/retail/blue/g1' of retail/blue/g1", found.get(0).description());
        assertEquals(ColourLayout.collisions(blue, green), ColourLayout.collisions(green, blue));
    }

    @Test
    void equal_storage_roots_are_a_collision_even_across_uri_spellings() {
        ColourLayout a = layout(Colour.BLUE, 1, "/ckpt/a", "file:///lake");
        ColourLayout b = layout(Colour.BLUE, 2, "/ckpt/b", "/lake/retail/blue/g1/../../../");
        // b's storage base normalises to /lake, but generation 2 gives it another root: no storage collision.
        assertTrue(ColourLayout.collisionsBetween(a, b).stream().noneMatch(c -> c.first() == Resource.STORAGE_ROOT));
        ColourLayout c = new ColourLayout("retail", Colour.BLUE, 1, "other", "/ckpt/c", "/lake//");
        List<String> found = ColourLayout.collisions(a, c);
        assertTrue(found.contains("both use storage root 'file:///lake/retail/blue/g1'"), found.toString());
    }

    @Test
    void a_checkpoint_inside_the_other_colours_storage_is_a_collision() {
        ColourLayout blue = layout(Colour.BLUE, 1, "/ckpt", "/lake");
        ColourLayout green = layout(Colour.GREEN, 1, "/lake/retail/blue/g1/tables", "/lake");
        List<Collision> found = ColourLayout.collisionsBetween(blue, green);
        assertEquals(1, found.size(), found.toString());
        assertEquals(Resource.STORAGE_ROOT, found.get(0).first());
        assertEquals(Resource.CHECKPOINT_ROOT, found.get(0).second());
    }

    @Test
    void a_path_prefix_that_is_not_at_a_slash_boundary_is_not_nesting() {
        ColourLayout blue = layout(Colour.BLUE, 1, "/ckpt", "/lake");
        ColourLayout green = layout(Colour.GREEN, 1, "/ckpt/retail/blue/g1x", "/lake");
        assertEquals(List.of(), ColourLayout.collisions(blue, green));
    }

    @Test
    void different_buckets_never_collide() {
        ColourLayout blue = layout(Colour.BLUE, 1, "s3://one/ckpt", "s3://one/lake");
        ColourLayout alsoBlue = layout(Colour.BLUE, 1, "s3://two/ckpt", "s3://two/lake");
        List<Collision> found = ColourLayout.collisionsBetween(blue, alsoBlue);
        assertTrue(found.stream().noneMatch(c -> c.first() == Resource.CHECKPOINT_ROOT
                || c.first() == Resource.STORAGE_ROOT), found.toString());
    }

    @Test
    void the_same_layout_twice_shares_everything() {
        ColourLayout blue = layout(Colour.BLUE, 1, "/ckpt", "/lake");
        List<String> found = ColourLayout.collisions(blue, blue);
        assertTrue(found.contains("both use schema 'main.retail_blue'"), found.toString());
        assertTrue(found.contains("both use checkpoint root '/ckpt/retail/blue/g1'"), found.toString());
        assertTrue(found.contains("both use storage root '/lake/retail/blue/g1'"), found.toString());
        assertTrue(found.contains("both use Kafka group id prefix 'retail-blue-gold'"), found.toString());
        assertTrue(found.contains("both write with txnAppIds 'retail.blue.g1.orders.<table>'"), found.toString());
    }

    @Test
    void a_schema_that_is_another_pipelines_published_schema_is_a_collision() {
        ColourLayout a = layout(Colour.BLUE, 1, "/ckpt", "/lake");
        ColourLayout b = new ColourLayout("retail_blue", Colour.GREEN, 1, "main", "/ckpt2", "/lake2");
        assertEquals(List.of("schema 'main.retail_blue' of retail/blue/g1 is the published schema of retail_blue/green/g1"),
                ColourLayout.collisions(a, b));
    }
}
