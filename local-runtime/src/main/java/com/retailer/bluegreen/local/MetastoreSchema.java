package com.retailer.bluegreen.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.jdo.JDOHelper;
import javax.jdo.PersistenceManagerFactory;
import org.apache.hadoop.hive.conf.HiveConf;
import org.datanucleus.api.jdo.JDOPersistenceManagerFactory;
import org.datanucleus.store.schema.SchemaAwareStoreManager;

/**
 * Creates the Hive metastore's tables in a new metastore database, once, before any Spark JVM opens it.
 *
 * <p>Left to itself, every JVM's metastore client creates missing tables on first use (DataNucleus
 * {@code autoCreateAll}). Three JVMs opening a new catalog at once then deadlock in Derby over the DDL; each
 * deadlock costs Derby's 20 s lock timeout, and the first start took 4–5 minutes instead of seconds. So the
 * catalog creates every table of Hive's JDO model ({@code package.jdo} in {@code hive-metastore}) itself, with
 * Hive's own DataNucleus settings, while it is the only client.
 */
final class MetastoreSchema {
    private static final String MODEL_PACKAGE = "org.apache.hadoop.hive.metastore.model";
    private static final String DONE_MARKER = "metastore-schema.created";

    private MetastoreSchema() {
    }

    /** Creates the tables unless a previous start under {@code dir} did already. */
    static void createIfAbsent(String jdbcUrl, String driver, Path dir) {
        Path marker = dir.resolve(DONE_MARKER);
        if (Files.exists(marker) && Files.isDirectory(dir.resolve("metastore_db"))) {
            return;
        }
        PersistenceManagerFactory pmf = JDOHelper.getPersistenceManagerFactory(properties(jdbcUrl, driver));
        try {
            SchemaAwareStoreManager store = (SchemaAwareStoreManager)
                    ((JDOPersistenceManagerFactory) pmf).getNucleusContext().getStoreManager();
            store.createSchemaForClasses(modelClasses(), new Properties());
        } finally {
            pmf.close();
        }
        try {
            Files.writeString(marker, "Hive metastore tables created by SharedCatalog\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + marker, e);
        }
    }

    /** What Hive's ObjectStore gives DataNucleus: every {@code datanucleus.*} and {@code javax.jdo.*} setting. */
    private static Properties properties(String jdbcUrl, String driver) {
        HiveConf conf = new HiveConf();
        Properties p = new Properties();
        for (Map.Entry<String, String> e : conf) {
            if (e.getKey().startsWith("datanucleus.") || e.getKey().startsWith("javax.jdo.")) {
                p.setProperty(e.getKey(), e.getValue());
            }
        }
        p.setProperty("javax.jdo.PersistenceManagerFactoryClass",
                "org.datanucleus.api.jdo.JDOPersistenceManagerFactory");
        p.setProperty("javax.jdo.option.ConnectionURL", jdbcUrl);
        p.setProperty("javax.jdo.option.ConnectionDriverName", driver);
        p.setProperty("javax.jdo.option.ConnectionUserName", "APP");
        p.setProperty("javax.jdo.option.ConnectionPassword", "APP");
        p.setProperty("datanucleus.schema.autoCreateAll", "true");
        p.setProperty("datanucleus.connectionPoolingType", "None");
        return p;
    }

    /** Every persistent class of Hive's metastore model, from its JDO metadata. */
    static Set<String> modelClasses() {
        String jdo;
        try (InputStream in = HiveConf.class.getClassLoader().getResourceAsStream("package.jdo")) {
            if (in == null) {
                throw new IllegalStateException("package.jdo (Hive's metastore model) is not on the classpath: "
                        + "add org.apache.spark:spark-hive_2.13.");
            }
            jdo = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read package.jdo", e);
        }
        Set<String> classes = new TreeSet<>();
        Matcher m = Pattern.compile("<class\\s+name=\"(\\w+)\"").matcher(jdo);
        while (m.find()) {
            classes.add(MODEL_PACKAGE + "." + m.group(1));
        }
        return classes;
    }
}
