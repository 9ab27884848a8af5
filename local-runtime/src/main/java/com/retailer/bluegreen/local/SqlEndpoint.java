package com.retailer.bluegreen.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The local SQL warehouse: a separate JVM ({@link SqlEndpointMain}) with its own SparkSession on the
 * {@link SharedCatalog}, serving the HiveServer2 Thrift protocol, which is also what Spark's Thrift Server and
 * Databricks SQL warehouses speak. Readers connect as a BI tool does, with a JDBC URL
 * ({@link #jdbcUrl()}, {@code jdbc:hive2://127.0.0.1:<port>/default}) and the Hive JDBC driver, and reach the
 * published views by name only.
 *
 * <p>Spark's own Thrift Server ({@code spark-hive-thriftserver}) is not in the registry reachable here, so the
 * endpoint implements the protocol itself ({@link HiveProtocolService}) on the Thrift classes of
 * {@code hive-service-rpc}; clients cannot tell the difference for queries.
 */
public final class SqlEndpoint implements AutoCloseable {
    private static final long START_TIMEOUT_MS = 180_000;
    private final ChildJvm child;
    private final int port;

    private SqlEndpoint(ChildJvm child, int port) {
        this.child = child;
        this.port = port;
    }

    /**
     * Starts an endpoint attached to {@code catalog} (with {@code warehouseDir} as the shared warehouse) and
     * returns once it accepts JDBC connections. Its stderr goes to {@code logFile}.
     */
    public static SqlEndpoint start(SharedCatalog catalog, Path warehouseDir, Path logFile) throws IOException,
            InterruptedException {
        return start(catalog.overrides(warehouseDir), logFile);
    }

    /**
     * Starts an endpoint with the given Spark settings as {@code spark.conf.<key>} overrides (e.g.
     * {@link SharedCatalog#overrides(Path)}) and returns once it accepts JDBC connections.
     */
    public static SqlEndpoint start(Map<String, String> sparkOverrides, Path logFile) throws IOException,
            InterruptedException {
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        List<String> args = new ArrayList<>(List.of("--port", "0"));
        sparkOverrides.forEach((k, v) -> {
            args.add("--set");
            args.add(k + "=" + v);
        });
        ChildJvm child = ChildJvm.start("sql-endpoint", "2g", SqlEndpointMain.class, args, logFile);
        try {
            String ready = child.awaitLine(SqlEndpointMain.READY, START_TIMEOUT_MS);
            int port = Integer.parseInt(ready.substring(SqlEndpointMain.READY.length()).trim());
            SqlEndpoint endpoint = new SqlEndpoint(child, port);
            // Ready means listening; prove a client gets through the whole handshake too.
            try (Connection c = endpoint.connect()) {
                c.createStatement().execute("SELECT 1");
            }
            return endpoint;
        } catch (SQLException e) {
            child.close();
            throw new IllegalStateException("The SQL endpoint started but refused a JDBC client: " + e
                    + ". Its log is " + logFile + ".", e);
        } catch (RuntimeException | InterruptedException e) {
            child.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** {@code jdbc:hive2://127.0.0.1:<port>/default}: what a BI tool is configured with. */
    public String jdbcUrl() {
        return jdbcUrl(port);
    }

    static String jdbcUrl(int port) {
        return "jdbc:hive2://127.0.0.1:" + port + "/default";
    }

    /** A new JDBC connection (Hive JDBC driver) to the endpoint. */
    public Connection connect() throws SQLException {
        return connect(jdbcUrl());
    }

    public static Connection connect(String url) throws SQLException {
        try {
            Class.forName("org.apache.hive.jdbc.HiveDriver");
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the Hive JDBC driver (org.apache.hive:hive-jdbc) is not on the "
                    + "classpath", e);
        }
        return DriverManager.getConnection(url, "reader", "");
    }

    public boolean isAlive() {
        return child.isAlive();
    }

    /** Kills the endpoint's JVM; clients' next calls fail. */
    @Override
    public void close() throws InterruptedException {
        child.close();
    }
}
