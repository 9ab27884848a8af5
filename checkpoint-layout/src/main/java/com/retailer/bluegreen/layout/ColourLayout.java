package com.retailer.bluegreen.layout;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The single derivation of every colour-specific name from (pipeline, colour, generation) plus where a colour
 * keeps its catalog objects, checkpoints and files. Nothing else builds these strings.
 *
 * <pre>
 * schema()                 &lt;pipeline&gt;_&lt;colour&gt;
 * qualifiedSchema()        &lt;catalog&gt;.&lt;pipeline&gt;_&lt;colour&gt;
 * publishedSchema()        &lt;catalog&gt;.&lt;pipeline&gt;                      (views only; owned by the publisher)
 * checkpointRoot()         &lt;checkpointBase&gt;/&lt;pipeline&gt;/&lt;colour&gt;/g&lt;generation&gt;
 * checkpointLocation(q)    &lt;checkpointRoot&gt;/&lt;query&gt;
 * storageRoot()            &lt;storageBase&gt;/&lt;pipeline&gt;/&lt;colour&gt;/g&lt;generation&gt;
 * tableLocation(t)         &lt;storageRoot&gt;/tables/&lt;t&gt;
 * txnAppId(q, t)           &lt;pipeline&gt;.&lt;colour&gt;.g&lt;generation&gt;.&lt;query&gt;.&lt;t&gt;
 * bootstrapTxnAppId(t)     &lt;pipeline&gt;.&lt;colour&gt;.g&lt;generation&gt;.bootstrap.&lt;t&gt;   (version 0: written once)
 * groupIdPrefix(q)         &lt;pipeline&gt;-&lt;colour&gt;-&lt;query&gt;
 * queryName(q)             &lt;pipeline&gt;-&lt;colour&gt;-&lt;query&gt;          (Spark's streaming query name)
 * jobName()                &lt;pipeline&gt;-&lt;colour&gt;
 * ownerTag()               &lt;pipeline&gt;/&lt;colour&gt;                   (the schema's {@value #OWNER_PROPERTY})
 * heartbeatFile()          &lt;checkpointRoot&gt;/_heartbeat.json
 * bootstrapCutFile()       &lt;checkpointRoot&gt;/_bootstrap/cut.json
 * bootstrapDoneFile()      &lt;checkpointRoot&gt;/_bootstrap/done.json
 * bootstrapLeaseFile()     &lt;checkpointRoot&gt;/_bootstrap/lease.json        (held by the one bootstrap running)
 * releaseId(sha)           &lt;colour&gt;-g&lt;generation&gt;-&lt;sha&gt;             (the default release id of a promotion)
 * </pre>
 *
 * A new checkpoint is a new generation: batch ids restart at 0, so the txnAppIds must change too, or Delta would
 * silently skip the new checkpoint's writes as already applied.
 *
 * <p>Bases may be local paths (absolute or relative), FUSE paths such as {@code /Volumes/main/ops/ckpt}, or URIs
 * such as {@code s3://bucket/x}; they are normalised (no trailing slash, no empty or {@code .} segments), and the
 * accessors return the normalised form.
 *
 * @throws InvalidLayoutException from the constructor when a component is not valid
 */
public record ColourLayout(String pipeline, Colour colour, int generation, String catalog,
                           String checkpointBase, String storageBase) {

    /** The schema property naming the colour that owns a schema; its value is {@link #ownerTag()}. */
    public static final String OWNER_PROPERTY = "bluegreen.owner";
    private static final String HEARTBEAT_FILE = "_heartbeat.json";
    private static final String BOOTSTRAP_DIR = "_bootstrap";

    private static final Pattern PIPELINE = Pattern.compile("[a-z][a-z0-9_]{0,40}");
    private static final Pattern IDENTIFIER = Pattern.compile("[a-z_][a-z0-9_]{0,127}");
    private static final String PIPELINE_EXPECTATION =
            "expected 1 to 41 lower-case letters, digits or '_', starting with a letter (e.g. retail_ops)";
    private static final String IDENTIFIER_EXPECTATION =
            "expected a lower-case identifier: letters, digits or '_', not starting with a digit (e.g. main)";

    public ColourLayout {
        pipeline = requirePipeline(pipeline);
        if (colour == null) {
            throw new InvalidLayoutException("colour", null, "expected blue or green");
        }
        if (generation < 1) {
            throw new InvalidLayoutException("generation", String.valueOf(generation), "expected an integer >= 1");
        }
        catalog = requireIdentifier("catalog", catalog);
        checkpointBase = normaliseBase("checkpointBase", checkpointBase);
        storageBase = normaliseBase("storageBase", storageBase);
    }

    /** Returns {@code pipeline} if it is a valid pipeline name, otherwise throws {@link InvalidLayoutException}. */
    public static String requirePipeline(String pipeline) {
        if (pipeline == null || !PIPELINE.matcher(pipeline).matches()) {
            throw new InvalidLayoutException("pipeline", pipeline, PIPELINE_EXPECTATION);
        }
        return pipeline;
    }

    /** Returns {@code name} if it is a valid catalog/table identifier, otherwise throws {@link InvalidLayoutException}. */
    public static String requireIdentifier(String component, String name) {
        if (name == null || !IDENTIFIER.matcher(name).matches()) {
            throw new InvalidLayoutException(component, name, IDENTIFIER_EXPECTATION);
        }
        return name;
    }

    /** The normalised form of a checkpoint or storage base, or {@link InvalidLayoutException} naming {@code component}. */
    public static String normaliseBase(String component, String base) {
        return Location.parse(component, base).toString();
    }

    /** The same pipeline and colour in the next generation: a fresh checkpoint root, storage root and txnAppIds. */
    public ColourLayout nextGeneration() {
        return new ColourLayout(pipeline, colour, generation + 1, catalog, checkpointBase, storageBase);
    }

    public String schema() {
        return pipeline + "_" + colour.id();
    }

    public String qualifiedSchema() {
        return catalog + "." + schema();
    }

    /** The schema of the published views, shared by both colours and owned by the publisher. */
    public String publishedSchema() {
        return catalog + "." + pipeline;
    }

    public String qualifiedTable(String table) {
        return qualifiedSchema() + "." + requireIdentifier("table", table);
    }

    public String checkpointRoot() {
        return checkpointRootLocation().toString();
    }

    public String checkpointLocation(Query query) {
        return checkpointRootLocation().resolve(query.id()).toString();
    }

    public String storageRoot() {
        return storageRootLocation().toString();
    }

    public String tableLocation(String table) {
        return storageRootLocation().resolve("tables", requireIdentifier("table", table)).toString();
    }

    /** The Delta idempotent-writer app id for {@code table} written by {@code query}; the txn version is the batch id. */
    public String txnAppId(Query query, String table) {
        return txnAppIdPrefix(query) + "." + requireIdentifier("table", table);
    }

    /**
     * The Delta idempotent-writer app id of a one-time write the bootstrap makes into {@code table} (with txn version
     * 0), such as backfilling a column a newer release adds: a re-run of an interrupted bootstrap skips it.
     */
    public String bootstrapTxnAppId(String table) {
        return pipeline + "." + colour.id() + "." + generationSegment() + ".bootstrap."
                + requireIdentifier("table", table);
    }

    public String groupIdPrefix(Query query) {
        return pipeline + "-" + colour.id() + "-" + query.id();
    }

    public String jobName() {
        return pipeline + "-" + colour.id();
    }

    /** The name of {@code query}'s streaming query in Spark (the UI, listeners, logs). */
    public String queryName(Query query) {
        return pipeline + "-" + colour.id() + "-" + query.id();
    }

    /** The value of the colour schema's {@link #OWNER_PROPERTY}: which pipeline and colour own it. */
    public String ownerTag() {
        return pipeline + "/" + colour.id();
    }

    /** The file the colour's running job rewrites every few seconds, telling status it is alive. */
    public String heartbeatFile() {
        return checkpointRootLocation().resolve(HEARTBEAT_FILE).toString();
    }

    /** Where a bootstrap from a consistent cut keeps the cut it chose, before its first clone. */
    public String bootstrapCutFile() {
        return checkpointRootLocation().resolve(BOOTSTRAP_DIR, "cut.json").toString();
    }

    /** Written last by a bootstrap from a cut: until it exists, the generation's job refuses to start. */
    public String bootstrapDoneFile() {
        return checkpointRootLocation().resolve(BOOTSTRAP_DIR, "done.json").toString();
    }

    /** Held, and renewed, by the one bootstrap of this generation that is running: a second one is refused. */
    public String bootstrapLeaseFile() {
        return checkpointRootLocation().resolve(BOOTSTRAP_DIR, "lease.json").toString();
    }

    /**
     * The release id a promotion of this colour generation gets when none is given: {@code
     * <colour>-g<generation>-<gitSha>}, the same on every re-run of one deployment, so a re-run resumes it.
     */
    public String releaseId(String gitSha) {
        return colour.id() + "-" + generationSegment() + "-" + gitSha;
    }

    private String txnAppIdPrefix(Query query) {
        return pipeline + "." + colour.id() + ".g" + generation + "." + query.id();
    }

    private String generationSegment() {
        return "g" + generation;
    }

    Location checkpointRootLocation() {
        return Location.parse("checkpointBase", checkpointBase).resolve(pipeline, colour.id(), generationSegment());
    }

    Location storageRootLocation() {
        return Location.parse("storageBase", storageBase).resolve(pipeline, colour.id(), generationSegment());
    }

    private String label() {
        return pipeline + "/" + colour.id() + "/" + generationSegment();
    }

    /** What a layout owns that another must never share. */
    public enum Resource {
        SCHEMA("schema"), PUBLISHED_SCHEMA("published schema"), CHECKPOINT_ROOT("checkpoint root"),
        STORAGE_ROOT("storage root"), KAFKA_GROUP("Kafka group id prefix"), TXN_APP_ID("txnAppIds");

        private final String text;

        Resource(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /**
     * One thing two layouts would share: {@code first} is the resource of the first layout, {@code second} of the
     * second (they differ when, say, a checkpoint root lies inside a storage root).
     */
    public record Collision(Resource first, Resource second, String description) {
        public Collision {
            Objects.requireNonNull(first, "first");
            Objects.requireNonNull(second, "second");
            Objects.requireNonNull(description, "description");
        }
    }

    /** Everything {@code a} and {@code b} would share, as human-readable sentences; empty when they are isolated. */
    public static List<String> collisions(ColourLayout a, ColourLayout b) {
        return collisionsBetween(a, b).stream().map(Collision::description).toList();
    }

    /**
     * Everything {@code a} and {@code b} would share: equal schemas (or one's schema being the other's published
     * schema), checkpoint or storage roots that are equal or nested (in any combination, so a checkpoint cannot live
     * inside the other colour's storage and be deleted with it), equal Kafka group id prefixes or txnAppIds.
     * Paths are compared lexically after normalisation; {@code file:/x} and {@code dbfs:/x} count as {@code /x}.
     */
    public static List<Collision> collisionsBetween(ColourLayout a, ColourLayout b) {
        List<Collision> out = new ArrayList<>();
        if (a.qualifiedSchema().equals(b.qualifiedSchema())) {
            out.add(new Collision(Resource.SCHEMA, Resource.SCHEMA, "both use schema '" + a.qualifiedSchema() + "'"));
        }
        if (a.qualifiedSchema().equals(b.publishedSchema())) {
            out.add(new Collision(Resource.SCHEMA, Resource.PUBLISHED_SCHEMA, "schema '" + a.qualifiedSchema()
                    + "' of " + a.label() + " is the published schema of " + b.label()));
        }
        if (b.qualifiedSchema().equals(a.publishedSchema())) {
            out.add(new Collision(Resource.PUBLISHED_SCHEMA, Resource.SCHEMA, "schema '" + b.qualifiedSchema()
                    + "' of " + b.label() + " is the published schema of " + a.label()));
        }
        Resource[] roots = {Resource.CHECKPOINT_ROOT, Resource.STORAGE_ROOT};
        for (Resource ra : roots) {
            for (Resource rb : roots) {
                overlap(a, ra, b, rb).ifPresent(out::add);
            }
        }
        for (Query qa : Query.values()) {
            for (Query qb : Query.values()) {
                if (a.groupIdPrefix(qa).equals(b.groupIdPrefix(qb))) {
                    out.add(new Collision(Resource.KAFKA_GROUP, Resource.KAFKA_GROUP,
                            "both use Kafka group id prefix '" + a.groupIdPrefix(qa) + "'"));
                }
                if (a.txnAppIdPrefix(qa).equals(b.txnAppIdPrefix(qb))) {
                    out.add(new Collision(Resource.TXN_APP_ID, Resource.TXN_APP_ID,
                            "both write with txnAppIds '" + a.txnAppIdPrefix(qa) + ".<table>'"));
                }
            }
        }
        return List.copyOf(out);
    }

    private static Optional<Collision> overlap(ColourLayout a, Resource ra, ColourLayout b, Resource rb) {
        Location la = a.root(ra);
        Location lb = b.root(rb);
        String da = ra + " '" + la + "' of " + a.label();
        String db = rb + " '" + lb + "' of " + b.label();
        String text;
        if (la.contains(lb) && lb.contains(la)) {
            text = ra == rb ? "both use " + ra + " '" + la + "'" : da + " is the same directory as " + db;
        } else if (la.contains(lb)) {
            text = db + " is inside " + da;
        } else if (lb.contains(la)) {
            text = da + " is inside " + db;
        } else {
            return Optional.empty();
        }
        return Optional.of(new Collision(ra, rb, text));
    }

    private Location root(Resource r) {
        return r == Resource.CHECKPOINT_ROOT ? checkpointRootLocation() : storageRootLocation();
    }
}
