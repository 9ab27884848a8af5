package com.retailer.bluegreen.publish;

import com.retailer.bluegreen.layout.ColourLayout;
import com.retailer.bluegreen.layout.PipelineLayout;
import com.retailer.bluegreen.layout.ReleaseLayout;
import java.util.Optional;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles the published views to the control table's desired state: every view of the {@link Contract} is
 * pointed at the desired colour's table with {@link ViewSql} ({@code CREATE VIEW} on first publish, {@code ALTER
 * VIEW ... AS} afterwards, so grants survive and readers never see the name vanish).
 *
 * <p>All statements are planned first (each colour table's columns read and checked against the contract), so a
 * colour violating the contract for any view switches none. Views are then switched in parallel on a small pool
 * ({@code parallelism} threads; 1 switches them one by one, in contract order). Before each view's ALTER the
 * publisher re-reads the control table and, if the epoch moved on (a rollback issued mid promotion), stops with
 * {@link SupersededException}: views not yet switched stay on their previous colour, the newer state wins. A small window remains between that check and the ALTER; the newer
 * state's own reconcile repoints any view switched in it.
 *
 * <p>Reconciling is idempotent (a second run re-issues the same ALTERs, changing nothing) and converges after a
 * crash half way: just reconcile the desired state again. Two publishers creating the same view for the very first
 * time at once may see one {@code CREATE VIEW} fail as the view already exists; reconciling again converges too.
 */
public final class Publisher {
    private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

    private final Catalog catalog;
    private final Contract contract;
    private final ControlStore control;
    private final PipelineLayout layouts;
    private final int parallelism;
    private final Consumer<String> beforeEpochCheck;

    /**
     * A publisher of {@code contract}'s views of {@code layouts}' pipeline, switching up to {@code parallelism} views
     * at once; {@code beforeEpochCheck} is called with a view's name just before its epoch check (a test's pause).
     */
    public Publisher(Catalog catalog, Contract contract, ControlStore control, PipelineLayout layouts,
                     int parallelism, Consumer<String> beforeEpochCheck) {
        this.catalog = catalog;
        this.contract = contract;
        this.control = control;
        this.layouts = layouts;
        this.parallelism = Math.max(1, parallelism);
        this.beforeEpochCheck = beforeEpochCheck;
    }

    /**
     * Points every view of the contract at {@code desired}'s colour, serving its release id.
     *
     * @return the statement run per view, in contract order
     * @throws SupersededException        if the control table's epoch moved past {@code desired}'s before a view
     *                                    was switched; that view and any not yet switched were left as they were
     * @throws ContractViolationException if the desired colour's table does not satisfy the contract for a view;
     *                                    checked for all views before any is switched, so none was
     */
    public Map<String, String> reconcile(DesiredState desired) {
        return reconcile(desired, contract.views().keySet());
    }

    /**
     * As {@link #reconcile(DesiredState)}, for the given views of the contract only (those found not to serve
     * {@code desired} yet), in contract order.
     */
    public Map<String, String> reconcile(DesiredState desired, java.util.Collection<String> views) {
        if (desired.colour() == null) {
            throw PublishErrors.nothingProposed(control.location());
        }
        ColourLayout layout = layouts.colour(desired.colour());
        catalog.createSchemaIfAbsent(layout.publishedSchema());
        // Plan every view before switching any: a colour violating the contract for one view leaves all as they were.
        Map<String, ViewSql.Switch> plan = new LinkedHashMap<>();
        for (String view : contract.views().keySet()) {
            if (views.contains(view)) {
                plan.put(view, statement(view, layout, desired));
            }
        }
        Fence fence = new Fence(control, desired);
        List<String> ordered = List.copyOf(plan.keySet());
        if (parallelism == 1 || ordered.size() <= 1) {
            for (String view : ordered) {
                switchView(view, plan.get(view), layout, desired, fence);
            }
            return statements(plan);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(parallelism, ordered.size()));
        try {
            List<Future<?>> switched = new ArrayList<>();
            for (String view : ordered) {
                switched.add(pool.submit(() -> switchView(view, plan.get(view), layout, desired, fence)));
            }
            RuntimeException first = null;
            for (int i = 0; i < ordered.size(); i++) {
                try {
                    switched.get(i).get();
                } catch (ExecutionException e) {
                    RuntimeException failure = e.getCause() instanceof RuntimeException r ? r
                            : new IllegalStateException("switching view '" + ordered.get(i) + "' failed",
                            e.getCause());
                    // A superseded reconcile is the headline: it explains why other views stopped too.
                    if (first == null
                            || failure instanceof SupersededException && !(first instanceof SupersededException)) {
                        first = failure;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("Interrupted while switching views; some may be switched and"
                            + " others not. Reconcile the desired state again to converge.", e);
                }
            }
            if (first != null) {
                throw first;
            }
            return statements(plan);
        } finally {
            pool.shutdown();
        }
    }

    /**
     * How {@code view} is pointed at {@code layout}'s table, from that table's current columns.
     *
     * @throws BlueGreenException ({@link ErrorCode#NOT_OWNER}) if the view belongs to another control table
     */
    private ViewSql.Switch statement(String view, ColourLayout layout, DesiredState desired) {
        String source = layout.qualifiedTable(contract.views().get(view).sourceTable());
        String name = ViewSql.publishedName(layout, view);
        Optional<Catalog.View> existing = catalog.view(name);
        Optional<String> owner = existing.map(v -> v.properties().get(ReleaseLayout.VIEW_OWNER_PROPERTY));
        if (owner.isPresent()) {
            PublishErrors.requireOwnView(name, owner.get(), control.location());
        }
        return new ViewSql.Switch(name, existing.isPresent() || catalog.tableExists(name), ViewSql.select(contract,
                view, layout, ColourTables.columns(catalog, source), desired.releaseId()),
                existing.isPresent() && owner.isEmpty());
    }

    /** The properties that make a view this publisher's. */
    private Map<String, String> owner() {
        return Map.of(ReleaseLayout.VIEW_OWNER_PROPERTY, control.location());
    }

    private void switchView(String view, ViewSql.Switch change, ColourLayout layout, DesiredState desired,
                            Fence fence) {
        beforeEpochCheck.accept(view);
        fence.check(view);
        if (change.exists()) {
            catalog.alterView(change.name(), change.select());
            if (change.adopt()) {
                catalog.setViewProperties(change.name(), owner());
            }
        } else {
            catalog.createView(change.name(), change.select(), owner());
        }
        LOG.info("[{} {}] view {} switched (epoch {}, release {}): {}", layout.pipeline(), desired.colour().id(),
                change.name(), desired.epoch(), desired.releaseId(), change.exists() ? "ALTER VIEW" : "CREATE VIEW");
    }

    private static Map<String, String> statements(Map<String, ViewSql.Switch> plan) {
        Map<String, String> out = new LinkedHashMap<>();
        plan.forEach((view, change) -> out.put(view, change.statement()));
        return Collections.unmodifiableMap(out);
    }

    /**
     * The epoch check before each view switch: the desired state is read again and its epoch must still be
     * the one being reconciled. (Checking the table's Delta version first and reading the row only when it moved
     * was measured no faster here: reading the version is a Spark job too.)
     */
    private static final class Fence {
        private final ControlStore control;
        private final DesiredState desired;

        Fence(ControlStore control, DesiredState desired) {
            this.control = control;
            this.desired = desired;
            check("(before the first view)");
        }

        void check(String view) {
            DesiredState current = control.desired();
            if (current.epoch() != desired.epoch()) {
                throw PublishErrors.superseded(view, desired, current);
            }
        }
    }
}
