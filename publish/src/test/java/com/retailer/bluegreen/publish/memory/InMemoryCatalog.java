package com.retailer.bluegreen.publish.memory;

import com.retailer.bluegreen.publish.Catalog;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@link Catalog} in memory: schemas, Delta tables with columns and a version, and views with their text. A view
 * must be created before it is altered, and created only once, as in a real catalog; a view's columns are not
 * derived from its query (nothing here reads one).
 */
public final class InMemoryCatalog implements Catalog {
    private final Set<String> schemas = new HashSet<>();
    private final Map<String, List<Column>> tables = new LinkedHashMap<>();
    private final Map<String, Long> versions = new LinkedHashMap<>();
    private final Map<String, String> views = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> viewProperties = new LinkedHashMap<>();
    private final AtomicInteger viewStatements = new AtomicInteger();

    /** Adds (or replaces) Delta table {@code name} with {@code columns} ({@code name TYPE} pairs), at version 0. */
    public synchronized InMemoryCatalog table(String name, String... columns) {
        List<Column> cols = new ArrayList<>();
        for (int i = 0; i < columns.length; i += 2) {
            cols.add(new Column(columns[i].toLowerCase(Locale.ROOT), columns[i + 1], true));
        }
        tables.put(name, cols);
        versions.put(name, 0L);
        return this;
    }

    /** A commit to table {@code name}: its version moves on by one. */
    public synchronized void commit(String name) {
        versions.merge(name, 1L, Long::sum);
    }

    /** Drops table {@code name}. */
    public synchronized void drop(String name) {
        tables.remove(name);
        versions.remove(name);
    }

    /** How many CREATE or ALTER VIEW statements were run. */
    public int viewStatements() {
        return viewStatements.get();
    }

    /** Whether schema {@code schema} was created. */
    public synchronized boolean hasSchema(String schema) {
        return schemas.contains(schema);
    }

    @Override
    public synchronized boolean tableExists(String name) {
        return tables.containsKey(name) || views.containsKey(name);
    }

    @Override
    public synchronized List<Column> columns(String name) {
        List<Column> cols = tables.get(name);
        if (cols == null) {
            throw new IllegalArgumentException("no table " + name);
        }
        return List.copyOf(cols);
    }

    @Override
    public synchronized Optional<Long> version(String name) {
        return Optional.ofNullable(versions.get(name));
    }

    @Override
    public synchronized Optional<View> view(String name) {
        return views.containsKey(name) ? Optional.of(new View(views.get(name), viewProperties.getOrDefault(name,
                Map.of()))) : Optional.empty();
    }

    @Override
    public synchronized void createSchemaIfAbsent(String schema) {
        schemas.add(schema);
    }

    @Override
    public synchronized void createView(String name, String select, Map<String, String> properties) {
        if (tableExists(name)) {
            throw new IllegalStateException("[TABLE_OR_VIEW_ALREADY_EXISTS] " + name);
        }
        requireSchema(name);
        views.put(name, select);
        viewProperties.put(name, new LinkedHashMap<>(properties));
        viewStatements.incrementAndGet();
    }

    @Override
    public synchronized void setViewProperties(String name, Map<String, String> properties) {
        if (!views.containsKey(name)) {
            throw new IllegalStateException("[TABLE_OR_VIEW_NOT_FOUND] " + name);
        }
        viewProperties.computeIfAbsent(name, k -> new LinkedHashMap<>()).putAll(properties);
    }

    @Override
    public synchronized void alterView(String name, String select) {
        if (!views.containsKey(name)) {
            throw new IllegalStateException("[TABLE_OR_VIEW_NOT_FOUND] " + name);
        }
        views.put(name, select);
        viewStatements.incrementAndGet();
    }

    private void requireSchema(String name) {
        String schema = name.substring(0, name.lastIndexOf('.'));
        if (!schemas.contains(schema)) {
            throw new IllegalStateException("[SCHEMA_NOT_FOUND] " + schema);
        }
    }
}
