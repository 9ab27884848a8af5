package com.retailer.bluegreen.local;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hive.service.auth.PlainSaslHelper;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.spark.sql.SparkSession;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.server.ServerContext;
import org.apache.thrift.server.TServer;
import org.apache.thrift.server.TServerEventHandler;
import org.apache.thrift.server.TThreadPoolServer;
import org.apache.thrift.transport.TTransport;
import org.apache.thrift.transport.TServerSocket;
import org.apache.thrift.transport.TTransportFactory;

/**
 * The local SQL endpoint as its own JVM: one SparkSession attached to the shared catalog, serving the HiveServer2
 * Thrift protocol on {@code 127.0.0.1} (binary transport, SASL PLAIN with no authentication: Hive JDBC's default
 * {@code jdbc:hive2://host:port/db}).
 *
 * <pre>
 * java &lt;Spark JVM flags&gt; -cp ... com.retailer.bluegreen.local.SqlEndpointMain [--port N]
 *      [--set spark.conf.&lt;spark key&gt;=&lt;value&gt;]...
 * </pre>
 *
 * <p>{@code --port 0} (the default) binds a free port. Once it accepts connections it prints
 * {@value #READY} {@code <port>} on stdout. It runs until killed, or until its standard input reaches end of file
 * (the parent that started it died), so an endpoint never outlives its test or demo.
 */
public final class SqlEndpointMain {
    static final String READY = "SQL_ENDPOINT_READY";
    private static final String HOST = "127.0.0.1";
    private static final String SET_PREFIX = "spark.conf.";

    private SqlEndpointMain() {
    }

    public static void main(String[] args) throws Exception {
        int port = 0;
        Map<String, String> conf = defaults();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--port" -> port = Integer.parseInt(value(args, ++i, "--port"));
                case "--set" -> {
                    String kv = value(args, ++i, "--set");
                    int eq = kv.indexOf('=');
                    if (eq < 0 || !kv.startsWith(SET_PREFIX)) {
                        usage("--set takes spark.conf.<spark key>=<value>, got '" + kv + "'");
                    }
                    conf.put(kv.substring(SET_PREFIX.length(), eq), kv.substring(eq + 1));
                }
                default -> usage("unknown argument '" + args[i] + "'");
            }
        }
        SparkSession.Builder builder = SparkSession.builder().appName("bluegreen-sql-endpoint");
        conf.forEach(builder::config);
        SparkSession spark = builder.getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        // Connects to the metastore now rather than on the first client's query.
        spark.catalog().listDatabases().count();

        TServerSocket socket = new TServerSocket(new InetSocketAddress(HOST, port));
        TTransportFactory sasl = PlainSaslHelper.getPlainTransportFactory("NONE");
        HiveProtocolService service = new HiveProtocolService(spark);
        TServer server = new TThreadPoolServer(new TThreadPoolServer.Args(socket)
                .processor(new TCLIService.Processor<>(service))
                .transportFactory(sasl)
                .protocolFactory(new TBinaryProtocol.Factory())
                .minWorkerThreads(4)
                .maxWorkerThreads(64));
        server.setServerEventHandler(new ConnectionEvents(service));
        Thread serving = new Thread(server::serve, "sql-endpoint-thrift");
        serving.start();
        while (!server.isServing()) {
            Thread.sleep(10);
        }
        System.out.println(READY + " " + socket.getServerSocket().getLocalPort());
        System.out.flush();
        ChildJvm.exitWhenParentGoes();
        serving.join();
    }

    /** Tells the service when a client connection ends (on the worker thread that served it). */
    private record ConnectionEvents(HiveProtocolService service) implements TServerEventHandler {
        @Override
        public void preServe() {
        }

        @Override
        public ServerContext createContext(TProtocol input, TProtocol output) {
            return null;
        }

        @Override
        public void deleteContext(ServerContext context, TProtocol input, TProtocol output) {
            service.connectionClosed();
        }

        @Override
        public void processContext(ServerContext context, TTransport input, TTransport output) {
        }
    }

    /** Spark settings for a small local endpoint; {@code --set} overrides any of them. */
    private static Map<String, String> defaults() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("spark.master", "local[2]");
        c.put("spark.ui.enabled", "false");
        c.put("spark.sql.shuffle.partitions", "4");
        c.put("spark.default.parallelism", "4");
        c.put("spark.sql.session.timeZone", "UTC");
        c.put("spark.sql.datetime.java8API.enabled", "true");
        c.put("spark.databricks.delta.snapshotPartitions", "2");
        // Every reader query plans anew: keep the generated code (docs/benchmarks.md, "Generated code").
        c.put("spark.sql.codegen.cache.maxEntries", "2000");
        c.put("spark.sql.artifact.isolation.enabled", "false");
        return c;
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            usage(flag + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("SqlEndpointMain: " + problem + "\nUsage: SqlEndpointMain [--port N] "
                + "[--set spark.conf.<spark key>=<value>]...");
        System.exit(2);
    }
}
