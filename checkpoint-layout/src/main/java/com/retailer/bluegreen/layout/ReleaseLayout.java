package com.retailer.bluegreen.layout;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the publisher of one pipeline keeps what belongs to neither colour: the published schema and the release
 * state (control table and audit ledger). Derived from (pipeline, catalog, release storage base), like
 * {@link ColourLayout} derives a colour's names, and never built by hand elsewhere.
 *
 * <pre>
 * publishedSchema()         &lt;catalog&gt;.&lt;pipeline&gt;                     (= ColourLayout.publishedSchema())
 * controlRoot()             &lt;storageBase&gt;/&lt;pipeline&gt;/control
 * controlTableLocation()    &lt;storageBase&gt;/&lt;pipeline&gt;/control/publish_state
 * auditLedgerLocation()     &lt;storageBase&gt;/&lt;pipeline&gt;/control/audit_ledger
 * auditAnchorLocation()     &lt;storageBase&gt;/&lt;pipeline&gt;/control/audit_ledger_anchor   (= anchorOf(ledger))
 * jobName()                 &lt;pipeline&gt;-release                       (promote, rollback, status)
 * </pre>
 *
 * The storage base may be the colours' own: colour roots are {@code <base>/<pipeline>/<colour>/g<n>}, so
 * {@code <base>/<pipeline>/control} is beside them, never inside. It must not lie inside a colour's checkpoint or
 * storage root (retiring that colour would delete the audit trail): {@link #collisions} says where it would.
 *
 * @throws InvalidLayoutException from the constructor when a component is not valid
 */
public record ReleaseLayout(String pipeline, String catalog, String storageBase) {
    /**
     * The property each published view carries, set at its first publication: the control table (its location)
     * whose desired state the view follows. A publisher with any other control table refuses to move it.
     */
    public static final String VIEW_OWNER_PROPERTY = "bluegreen.control";
    static final String CONTROL = "control";
    static final String CONTROL_TABLE = "publish_state";
    static final String AUDIT_LEDGER = "audit_ledger";
    /** Appended to a ledger's location to name its anchor ({@link #anchorOf}). */
    static final String ANCHOR_SUFFIX = "_anchor";

    public ReleaseLayout {
        pipeline = ColourLayout.requirePipeline(pipeline);
        catalog = ColourLayout.requireIdentifier("catalog", catalog);
        storageBase = ColourLayout.normaliseBase("storageBase", storageBase);
    }

    /** The release layout of the pipeline and catalog {@code colour} belongs to, with the given storage base. */
    public static ReleaseLayout of(ColourLayout colour, String storageBase) {
        return new ReleaseLayout(colour.pipeline(), colour.catalog(), storageBase);
    }

    /** The schema of the published views, shared by both colours: the same as {@link ColourLayout#publishedSchema}. */
    public String publishedSchema() {
        return catalog + "." + pipeline;
    }

    /** {@code <publishedSchema>.<view>}, the name consumers query. */
    public String publishedView(String view) {
        return publishedSchema() + "." + ColourLayout.requireIdentifier("view", view);
    }

    /** The directory holding the release state of the pipeline. */
    public String controlRoot() {
        return controlRootLocation().toString();
    }

    /** The publisher's desired state (active colour, epoch, release id): a one-row Delta table. */
    public String controlTableLocation() {
        return controlRootLocation().resolve(CONTROL_TABLE).toString();
    }

    /** The hash-chained audit ledger: a Delta table. */
    public String auditLedgerLocation() {
        return controlRootLocation().resolve(AUDIT_LEDGER).toString();
    }

    /**
     * The audit ledger's anchor: a second, append-only Delta table ({@code delta.appendOnly = true}) holding the
     * sequence and hash of every ledger record, so a ledger rewritten as a whole (every hash recomputed) no longer
     * matches it. {@link #anchorOf} of {@link #auditLedgerLocation()}.
     */
    public String auditAnchorLocation() {
        return anchorOf(auditLedgerLocation());
    }

    /**
     * The anchor of the audit ledger at {@code auditLedgerLocation}: a sibling named after it with the suffix
     * {@code _anchor} ({@code .../control/audit_ledger} → {@code .../control/audit_ledger_anchor}). The one rule that
     * names an anchor, for the layout's ledger and for a ledger opened by path alike.
     *
     * @throws InvalidLayoutException if {@code auditLedgerLocation} is not a location or names no directory
     */
    public static String anchorOf(String auditLedgerLocation) {
        Location ledger = Location.parse("auditLedgerLocation", auditLedgerLocation);
        if (ledger.segments().isEmpty()) {
            throw new InvalidLayoutException("auditLedgerLocation", auditLedgerLocation, Location.EXPECTATION
                    + " (a ledger's own directory, not a root)");
        }
        List<String> segments = new ArrayList<>(ledger.segments());
        segments.set(segments.size() - 1, segments.get(segments.size() - 1) + ANCHOR_SUFFIX);
        return new Location(ledger.scheme(), ledger.authority(), ledger.absolute(), segments).toString();
    }

    /** The publisher's job name (promotion, rollback, status), beside the colours' {@code <pipeline>-<colour>}. */
    public String jobName() {
        return pipeline + "-release";
    }

    /** Whether {@code colour} publishes into this layout's schema (same pipeline and catalog). */
    public boolean publishes(ColourLayout colour) {
        return colour.pipeline().equals(pipeline) && colour.catalog().equals(catalog)
                && colour.publishedSchema().equals(publishedSchema());
    }

    /**
     * Every way the control root and {@code colour}'s roots would share a directory (equal, or one inside the
     * other), as sentences; empty when they are apart. Compared lexically, as {@link ColourLayout#collisions}.
     */
    public List<String> collisions(ColourLayout colour) {
        List<String> out = new ArrayList<>();
        Location control = controlRootLocation();
        String label = colour.pipeline() + "/" + colour.colour().id() + "/g" + colour.generation();
        overlap(out, control, colour.checkpointRootLocation(), "checkpoint root", label);
        overlap(out, control, colour.storageRootLocation(), "storage root", label);
        return List.copyOf(out);
    }

    private static void overlap(List<String> out, Location control, Location root, String what, String label) {
        String c = "release control directory '" + control + "'";
        String r = what + " '" + root + "' of " + label;
        if (control.contains(root) && root.contains(control)) {
            out.add(c + " is the same directory as the " + r);
        } else if (root.contains(control)) {
            out.add(c + " is inside the " + r);
        } else if (control.contains(root)) {
            out.add("the " + r + " is inside the " + c);
        }
    }

    Location controlRootLocation() {
        return Location.parse("storageBase", storageBase).resolve(pipeline, CONTROL);
    }
}
