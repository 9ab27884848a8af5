package com.retailer.bluegreen.local;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.derby.drda.NetworkServerControl;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local stand-in for Unity Catalog: one catalog of schemas, tables and views that separate JVMs (colour jobs,
 * the publisher, the {@link SqlEndpoint}) share by name, and that survives restarts.
 *
 * <p>It is a Hive metastore whose database is served by a Derby network server running in this JVM on
 * {@code 127.0.0.1}. Every JVM that uses the catalog builds its SparkSession with {@link #sparkConf(Path)} (or
 * passes {@link #overrides(Path)} to the configuration loader) and talks to the metastore database over the
 * network; none of them owns it. The database lives under the directory given to {@link #start(Path)}, so starting
 * again on the same directory finds the same schemas, tables and views. A new catalog's metastore tables are
 * created by {@link #start(Path)} itself, before any other JVM can race to create them.
 *
 * <p>Table data is not in the catalog: Delta tables are registered by location ({@code CREATE TABLE ... USING
 * delta LOCATION ...}), and managed tables go to the warehouse directory every JVM is given.
 */
public final class SharedCatalog implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SharedCatalog.class);
    private static final String HOST = "127.0.0.1";
    private static final int START_ATTEMPTS = 3;
    private static final long PING_TIMEOUT_MS = 20_000;
    private static final String DRIVER = "org.apache.derby.jdbc.ClientDriver";

    private final NetworkServerControl server;
    private final PrintWriter serverLog;
    private final Path dir;
    private final int port;
    private boolean closed;

    private SharedCatalog(NetworkServerControl server, PrintWriter serverLog, Path dir, int port) {
        this.server = server;
        this.serverLog = serverLog;
        this.dir = dir;
        this.port = port;
    }

    /** Starts the catalog with its database under {@code dir} on a free port. */
    public static SharedCatalog start(Path dir) {
        return start(dir, 0);
    }

    /**
     * Starts the catalog with its database under {@code dir} on {@code port} (0 = a free port). Restarting on the
     * same directory and port lets JVMs that were configured for the previous server reconnect to this one.
     */
    public static SharedCatalog start(Path dir, int port) {
        Path abs = dir.toAbsolutePath().normalize();
        try {
            Files.createDirectories(abs);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the shared catalog directory " + abs, e);
        }
        // Derby's engine log goes next to its database, not into the working directory. Read once, at engine boot.
        if (System.getProperty("derby.stream.error.file") == null) {
            System.setProperty("derby.stream.error.file", abs.resolve("derby.log").toString());
        }
        long t0 = System.currentTimeMillis();
        SharedCatalog catalog = startServer(abs, port);
        try {
            // Through the engine in this JVM rather than the network: the same database, without the round trips.
            MetastoreSchema.createIfAbsent("jdbc:derby:" + abs.resolve("metastore_db") + ";create=true",
                    "org.apache.derby.jdbc.EmbeddedDriver", abs);
        } catch (RuntimeException e) {
            catalog.close();
            throw e;
        }
        LOG.info("Shared catalog: Derby network server on {}:{}, metastore database {}, ready in {} ms", HOST,
                catalog.port, abs.resolve("metastore_db"), System.currentTimeMillis() - t0);
        return catalog;
    }

    private static SharedCatalog startServer(Path dir, int port) {
        Exception last = null;
        for (int attempt = 1; attempt <= START_ATTEMPTS; attempt++) {
            int chosen = port != 0 ? port : freePort();
            try {
                return startOn(dir, chosen);
            } catch (Exception e) {
                // A probed port can be taken by someone else before Derby binds it.
                last = e;
                LOG.warn("Derby network server did not start on {}:{} (attempt {} of {}): {}", HOST, chosen,
                        attempt, START_ATTEMPTS, e.toString());
                if (port != 0) {
                    break;
                }
            }
        }
        throw new IllegalStateException("Cannot start the shared catalog's Derby network server for " + dir
                + " on " + (port == 0 ? "a free port" : "port " + port) + ": " + last + ". See "
                + dir.resolve("derby-server.log") + ".", last);
    }

    private static SharedCatalog startOn(Path dir, int port) throws Exception {
        NetworkServerControl server = new NetworkServerControl(InetAddress.getByName(HOST), port);
        PrintWriter log = new PrintWriter(Files.newBufferedWriter(dir.resolve("derby-server.log"),
                StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND), true);
        server.start(log);
        long deadline = System.currentTimeMillis() + PING_TIMEOUT_MS;
        while (true) {
            try {
                server.ping();
                break;
            } catch (Exception notYet) {
                if (System.currentTimeMillis() > deadline) {
                    log.close();
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
        return new SharedCatalog(server, log, dir, port);
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 50, InetAddress.getByName(HOST))) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot find a free port on " + HOST, e);
        }
    }

    public int port() {
        return port;
    }

    public Path dir() {
        return dir;
    }

    /** The metastore database over the network, as every JVM's metastore client reaches it. */
    public String jdbcUrl() {
        return "jdbc:derby://" + HOST + ":" + port + "/" + dir.resolve("metastore_db") + ";create=true";
    }

    /**
     * The SparkSession settings every JVM needs to use this catalog: the Hive session catalog on this metastore
     * database, Delta's session extension and catalog (Delta tables registered in the metastore resolve through
     * it), the shared warehouse directory, and Hive's scratch directories under the catalog directory.
     */
    public Map<String, String> sparkConf(Path warehouseDir) {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("spark.sql.catalogImplementation", "hive");
        c.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
        c.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        c.put("spark.sql.warehouse.dir", warehouseDir.toAbsolutePath().normalize().toString());
        c.put("spark.hadoop.javax.jdo.option.ConnectionURL", jdbcUrl());
        c.put("spark.hadoop.javax.jdo.option.ConnectionDriverName", DRIVER);
        c.put("spark.hadoop.javax.jdo.option.ConnectionUserName", "APP");
        c.put("spark.hadoop.javax.jdo.option.ConnectionPassword", "APP");
        c.put("spark.hadoop.datanucleus.schema.autoCreateAll", "true");
        c.put("spark.hadoop.hive.metastore.schema.verification", "false");
        // Otherwise Hive's session state writes under /tmp/hive and /tmp/<user>, shared by every run on the machine.
        c.put("spark.hadoop.hive.exec.scratchdir", dir.resolve("hive-scratch").toString());
        c.put("spark.hadoop.hive.exec.local.scratchdir", dir.resolve("hive-local-scratch").toString());
        c.put("spark.hadoop.hive.downloaded.resources.dir", dir.resolve("hive-resources").toString());
        return c;
    }

    /**
     * {@link #sparkConf(Path)} as configuration overrides ({@code spark.conf.<key>}) for
     * {@code ConfigLoader.load(file, overrides)}, e.g. merged into {@code LocalStack.overrides}.
     */
    public Map<String, String> overrides(Path warehouseDir) {
        Map<String, String> o = new LinkedHashMap<>();
        sparkConf(warehouseDir).forEach((k, v) -> o.put("spark.conf." + k, v));
        return o;
    }

    /**
     * Closes the metastore database (so a restart reads it back from disk, as a new process would) and stops the
     * network server. JVMs still connected see their metastore calls fail until a server is started again.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            DriverManager.getConnection("jdbc:derby:" + dir.resolve("metastore_db") + ";shutdown=true").close();
        } catch (SQLException e) {
            // 08006: the database was shut down (the expected outcome); XJ004: it was never created.
            if (!"08006".equals(e.getSQLState()) && !"XJ004".equals(e.getSQLState())) {
                LOG.warn("Shutting down the shared catalog's database {} failed: {}", dir, e.toString());
            }
        }
        try {
            server.shutdown();
        } catch (Exception e) {
            LOG.warn("Stopping the shared catalog's Derby network server on {}:{} failed: {}", HOST, port,
                    e.toString());
        } finally {
            serverLog.close();
        }
    }
}
