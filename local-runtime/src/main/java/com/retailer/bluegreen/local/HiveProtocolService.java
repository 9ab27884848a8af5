package com.retailer.bluegreen.local;

import java.nio.ByteBuffer;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.hive.service.rpc.thrift.TCLIService;
import org.apache.hive.service.rpc.thrift.TCancelDelegationTokenReq;
import org.apache.hive.service.rpc.thrift.TCancelDelegationTokenResp;
import org.apache.hive.service.rpc.thrift.TCancelOperationReq;
import org.apache.hive.service.rpc.thrift.TCancelOperationResp;
import org.apache.hive.service.rpc.thrift.TCloseOperationReq;
import org.apache.hive.service.rpc.thrift.TCloseOperationResp;
import org.apache.hive.service.rpc.thrift.TCloseSessionReq;
import org.apache.hive.service.rpc.thrift.TCloseSessionResp;
import org.apache.hive.service.rpc.thrift.TExecuteStatementReq;
import org.apache.hive.service.rpc.thrift.TExecuteStatementResp;
import org.apache.hive.service.rpc.thrift.TFetchOrientation;
import org.apache.hive.service.rpc.thrift.TFetchResultsReq;
import org.apache.hive.service.rpc.thrift.TFetchResultsResp;
import org.apache.hive.service.rpc.thrift.TGetCatalogsReq;
import org.apache.hive.service.rpc.thrift.TGetCatalogsResp;
import org.apache.hive.service.rpc.thrift.TGetColumnsReq;
import org.apache.hive.service.rpc.thrift.TGetColumnsResp;
import org.apache.hive.service.rpc.thrift.TGetCrossReferenceReq;
import org.apache.hive.service.rpc.thrift.TGetCrossReferenceResp;
import org.apache.hive.service.rpc.thrift.TGetDelegationTokenReq;
import org.apache.hive.service.rpc.thrift.TGetDelegationTokenResp;
import org.apache.hive.service.rpc.thrift.TGetFunctionsReq;
import org.apache.hive.service.rpc.thrift.TGetFunctionsResp;
import org.apache.hive.service.rpc.thrift.TGetInfoReq;
import org.apache.hive.service.rpc.thrift.TGetInfoResp;
import org.apache.hive.service.rpc.thrift.TGetInfoValue;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusReq;
import org.apache.hive.service.rpc.thrift.TGetOperationStatusResp;
import org.apache.hive.service.rpc.thrift.TGetPrimaryKeysReq;
import org.apache.hive.service.rpc.thrift.TGetPrimaryKeysResp;
import org.apache.hive.service.rpc.thrift.TGetResultSetMetadataReq;
import org.apache.hive.service.rpc.thrift.TGetResultSetMetadataResp;
import org.apache.hive.service.rpc.thrift.TGetSchemasReq;
import org.apache.hive.service.rpc.thrift.TGetSchemasResp;
import org.apache.hive.service.rpc.thrift.TGetTableTypesReq;
import org.apache.hive.service.rpc.thrift.TGetTableTypesResp;
import org.apache.hive.service.rpc.thrift.TGetTablesReq;
import org.apache.hive.service.rpc.thrift.TGetTablesResp;
import org.apache.hive.service.rpc.thrift.TGetTypeInfoReq;
import org.apache.hive.service.rpc.thrift.TGetTypeInfoResp;
import org.apache.hive.service.rpc.thrift.THandleIdentifier;
import org.apache.hive.service.rpc.thrift.TOpenSessionReq;
import org.apache.hive.service.rpc.thrift.TOpenSessionResp;
import org.apache.hive.service.rpc.thrift.TOperationHandle;
import org.apache.hive.service.rpc.thrift.TOperationState;
import org.apache.hive.service.rpc.thrift.TOperationType;
import org.apache.hive.service.rpc.thrift.TProtocolVersion;
import org.apache.hive.service.rpc.thrift.TRenewDelegationTokenReq;
import org.apache.hive.service.rpc.thrift.TRenewDelegationTokenResp;
import org.apache.hive.service.rpc.thrift.TRowSet;
import org.apache.hive.service.rpc.thrift.TSessionHandle;
import org.apache.hive.service.rpc.thrift.TStatus;
import org.apache.hive.service.rpc.thrift.TStatusCode;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HiveServer2 Thrift service ({@code TCLIService}, the protocol of Spark's Thrift Server and of Databricks SQL
 * warehouses) on one SparkSession: what a JDBC client of {@code jdbc:hive2://...} talks to.
 *
 * <p>Each client session gets its own {@link SparkSession#newSession()} (its own current schema and SQL settings,
 * the shared catalog). A statement runs to completion inside {@code ExecuteStatement} and its result is held until
 * fetched or closed, so {@code GetOperationStatus} always answers finished (or the statement already failed with
 * its Spark error class and SQLSTATE). Catalog browsing ({@code GetSchemas}, {@code GetTables},
 * {@code GetTableTypes}, {@code GetCatalogs}) is answered from the session catalog; the rest of the metadata calls,
 * delegation tokens and row-based result sets (protocol V1–V5) are refused with an error status.
 */
final class HiveProtocolService implements TCLIService.Iface {
    private static final Logger LOG = LoggerFactory.getLogger(HiveProtocolService.class);
    private static final TProtocolVersion NEWEST = TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V10;
    private static final TProtocolVersion FIRST_COLUMNAR = TProtocolVersion.HIVE_CLI_SERVICE_PROTOCOL_V6;

    private final SparkSession root;
    private final Map<UUID, ClientSession> sessions = new ConcurrentHashMap<>();
    /** Sessions opened over the connection this Thrift worker thread serves (one thread per connection). */
    private final ThreadLocal<Set<UUID>> connectionSessions = ThreadLocal.withInitial(HashSet::new);

    private record ClientSession(SparkSession spark, TProtocolVersion protocol, Map<UUID, Result> operations) {
    }

    /** A finished operation's result, held until closed; {@code next} is the fetch cursor. */
    private static final class Result {
        final StructType schema;
        final List<Row> rows;
        int next;

        Result(StructType schema, List<Row> rows) {
            this.schema = schema;
            this.rows = rows;
        }
    }

    HiveProtocolService(SparkSession root) {
        this.root = root;
    }

    /**
     * The connection served by this thread is gone: forget the sessions it opened and did not close (a reader that
     * was killed), with their results.
     */
    void connectionClosed() {
        connectionSessions.get().forEach(sessions::remove);
        connectionSessions.remove();
    }

    @Override
    public TOpenSessionResp OpenSession(TOpenSessionReq req) {
        TProtocolVersion protocol = req.getClient_protocol().getValue() < NEWEST.getValue()
                ? req.getClient_protocol() : NEWEST;
        if (protocol.getValue() < FIRST_COLUMNAR.getValue()) {
            return new TOpenSessionResp(error("Client protocol " + protocol + " is not supported: this endpoint "
                    + "returns columnar result sets only (" + FIRST_COLUMNAR + " or later). Use Hive JDBC 1.2 or "
                    + "newer.", "08S01"), NEWEST);
        }
        SparkSession spark = root.newSession();
        try {
            applySessionConfiguration(spark, req.getConfiguration());
        } catch (Exception e) {
            // Spark's AnalysisException (e.g. no such schema in the URL) is checked only in Scala's eyes.
            return new TOpenSessionResp(error(e), protocol);
        }
        UUID id = UUID.randomUUID();
        sessions.put(id, new ClientSession(spark, protocol, new ConcurrentHashMap<>()));
        connectionSessions.get().add(id);
        TOpenSessionResp resp = new TOpenSessionResp(ok(), protocol);
        resp.setSessionHandle(new TSessionHandle(handle(id)));
        // Hive JDBC 2.3 reads server settings from this map without a null check.
        resp.setConfiguration(new HashMap<>());
        return resp;
    }

    /** {@code use:database} from the JDBC URL's path, and {@code set:hiveconf:/hivevar:<key>} session settings. */
    private static void applySessionConfiguration(SparkSession spark, Map<String, String> conf) {
        if (conf == null) {
            return;
        }
        conf.forEach((k, v) -> {
            if (k.startsWith("set:hiveconf:") || k.startsWith("set:hivevar:")) {
                String key = k.substring(k.indexOf(':', 4) + 1);
                if (key.startsWith("spark.")) {
                    spark.conf().set(key, v);
                }
            }
        });
        String db = conf.get("use:database");
        if (db != null && !db.isBlank()) {
            spark.catalog().setCurrentDatabase(db);
        }
    }

    @Override
    public TCloseSessionResp CloseSession(TCloseSessionReq req) {
        UUID id = id(req.getSessionHandle().getSessionId());
        sessions.remove(id);
        connectionSessions.get().remove(id);
        return new TCloseSessionResp(ok());
    }

    @Override
    public TGetInfoResp GetInfo(TGetInfoReq req) {
        String value = switch (req.getInfoType()) {
            case CLI_SERVER_NAME, CLI_DBMS_NAME -> "Spark SQL";
            case CLI_DBMS_VER -> root.version();
            default -> null;
        };
        if (value == null) {
            return new TGetInfoResp(error("GetInfo " + req.getInfoType() + " is not supported.", "HYC00"),
                    TGetInfoValue.stringValue(""));
        }
        return new TGetInfoResp(ok(), TGetInfoValue.stringValue(value));
    }

    @Override
    public TExecuteStatementResp ExecuteStatement(TExecuteStatementReq req) {
        ClientSession s = sessions.get(id(req.getSessionHandle().getSessionId()));
        if (s == null) {
            return new TExecuteStatementResp(noSession());
        }
        try {
            Dataset<Row> df = complexAsJson(s.spark().sql(req.getStatement()));
            List<Row> rows = df.schema().isEmpty() ? List.of() : df.collectAsList();
            TExecuteStatementResp resp = new TExecuteStatementResp(ok());
            resp.setOperationHandle(register(s, TOperationType.EXECUTE_STATEMENT,
                    new CatalogListing.Listing(df.schema(), rows)));
            return resp;
        } catch (Exception e) {
            LOG.debug("Statement failed: {}", req.getStatement(), e);
            return new TExecuteStatementResp(error(e));
        }
    }

    /** Arrays, maps and structs go out as JSON strings ({@code [1,2]}), as Spark's Thrift Server renders them. */
    private static Dataset<Row> complexAsJson(Dataset<Row> df) {
        StructField[] fields = df.schema().fields();
        boolean anyComplex = false;
        Column[] cols = new Column[fields.length];
        for (int i = 0; i < fields.length; i++) {
            DataType t = fields[i].dataType();
            boolean complex = t instanceof ArrayType || t instanceof MapType || t instanceof StructType;
            anyComplex |= complex;
            Column c = df.col("`" + fields[i].name().replace("`", "``") + "`");
            cols[i] = complex ? functions.to_json(c).as(fields[i].name()) : c;
        }
        return anyComplex ? df.select(cols) : df;
    }

    @Override
    public TGetOperationStatusResp GetOperationStatus(TGetOperationStatusReq req) {
        TGetOperationStatusResp resp = new TGetOperationStatusResp(ok());
        resp.setOperationState(TOperationState.FINISHED_STATE);
        return resp;
    }

    @Override
    public TCancelOperationResp CancelOperation(TCancelOperationReq req) {
        // Statements run to completion inside ExecuteStatement: by the time a cancel arrives there is nothing to stop.
        return new TCancelOperationResp(ok());
    }

    @Override
    public TCloseOperationResp CloseOperation(TCloseOperationReq req) {
        UUID op = id(req.getOperationHandle().getOperationId());
        sessions.values().forEach(s -> s.operations().remove(op));
        return new TCloseOperationResp(ok());
    }

    @Override
    public TGetResultSetMetadataResp GetResultSetMetadata(TGetResultSetMetadataReq req) {
        Result r = result(req.getOperationHandle());
        if (r == null) {
            return new TGetResultSetMetadataResp(noOperation());
        }
        TGetResultSetMetadataResp resp = new TGetResultSetMetadataResp(ok());
        resp.setSchema(ThriftRows.schema(r.schema));
        return resp;
    }

    @Override
    public TFetchResultsResp FetchResults(TFetchResultsReq req) {
        Result r = result(req.getOperationHandle());
        if (r == null) {
            return new TFetchResultsResp(noOperation());
        }
        TFetchResultsResp resp = new TFetchResultsResp(ok());
        if (req.getFetchType() != 0) {
            // Operation logs: there are none to give.
            resp.setResults(new TRowSet(0, new ArrayList<>()));
            resp.setHasMoreRows(false);
            return resp;
        }
        synchronized (r) {
            if (req.getOrientation() == TFetchOrientation.FETCH_FIRST) {
                r.next = 0;
            }
            int from = r.next;
            int to = (int) Math.min(r.rows.size(), from + Math.max(1, req.getMaxRows()));
            resp.setResults(ThriftRows.rowSet(r.schema, r.rows, from, to, zone()));
            resp.setHasMoreRows(to < r.rows.size());
            r.next = to;
        }
        return resp;
    }

    private ZoneId zone() {
        return ZoneId.of(root.conf().get("spark.sql.session.timeZone"));
    }

    @Override
    public TGetCatalogsResp GetCatalogs(TGetCatalogsReq req) {
        ClientSession s = sessions.get(id(req.getSessionHandle().getSessionId()));
        if (s == null) {
            return new TGetCatalogsResp(noSession());
        }
        TGetCatalogsResp resp = new TGetCatalogsResp(ok());
        resp.setOperationHandle(register(s, TOperationType.GET_CATALOGS, CatalogListing.catalogs()));
        return resp;
    }

    @Override
    public TGetSchemasResp GetSchemas(TGetSchemasReq req) {
        ClientSession s = sessions.get(id(req.getSessionHandle().getSessionId()));
        if (s == null) {
            return new TGetSchemasResp(noSession());
        }
        try {
            TGetSchemasResp resp = new TGetSchemasResp(ok());
            resp.setOperationHandle(register(s, TOperationType.GET_SCHEMAS,
                    CatalogListing.schemas(s.spark(), req.getSchemaName())));
            return resp;
        } catch (Exception e) {
            return new TGetSchemasResp(error(e));
        }
    }

    @Override
    public TGetTablesResp GetTables(TGetTablesReq req) {
        ClientSession s = sessions.get(id(req.getSessionHandle().getSessionId()));
        if (s == null) {
            return new TGetTablesResp(noSession());
        }
        try {
            TGetTablesResp resp = new TGetTablesResp(ok());
            resp.setOperationHandle(register(s, TOperationType.GET_TABLES, CatalogListing.tables(s.spark(),
                    req.getSchemaName(), req.getTableName(), req.getTableTypes())));
            return resp;
        } catch (Exception e) {
            return new TGetTablesResp(error(e));
        }
    }

    @Override
    public TGetTableTypesResp GetTableTypes(TGetTableTypesReq req) {
        ClientSession s = sessions.get(id(req.getSessionHandle().getSessionId()));
        if (s == null) {
            return new TGetTableTypesResp(noSession());
        }
        TGetTableTypesResp resp = new TGetTableTypesResp(ok());
        resp.setOperationHandle(register(s, TOperationType.GET_TABLE_TYPES, CatalogListing.tableTypes()));
        return resp;
    }

    @Override
    public TGetTypeInfoResp GetTypeInfo(TGetTypeInfoReq req) {
        return new TGetTypeInfoResp(unsupported("GetTypeInfo"));
    }

    @Override
    public TGetColumnsResp GetColumns(TGetColumnsReq req) {
        return new TGetColumnsResp(unsupported("GetColumns (use DESCRIBE <view>)"));
    }

    @Override
    public TGetFunctionsResp GetFunctions(TGetFunctionsReq req) {
        return new TGetFunctionsResp(unsupported("GetFunctions (use SHOW FUNCTIONS)"));
    }

    @Override
    public TGetPrimaryKeysResp GetPrimaryKeys(TGetPrimaryKeysReq req) {
        return new TGetPrimaryKeysResp(unsupported("GetPrimaryKeys"));
    }

    @Override
    public TGetCrossReferenceResp GetCrossReference(TGetCrossReferenceReq req) {
        return new TGetCrossReferenceResp(unsupported("GetCrossReference"));
    }

    @Override
    public TGetDelegationTokenResp GetDelegationToken(TGetDelegationTokenReq req) {
        return new TGetDelegationTokenResp(unsupported("GetDelegationToken"));
    }

    @Override
    public TCancelDelegationTokenResp CancelDelegationToken(TCancelDelegationTokenReq req) {
        return new TCancelDelegationTokenResp(unsupported("CancelDelegationToken"));
    }

    @Override
    public TRenewDelegationTokenResp RenewDelegationToken(TRenewDelegationTokenReq req) {
        return new TRenewDelegationTokenResp(unsupported("RenewDelegationToken"));
    }

    private static TOperationHandle register(ClientSession s, TOperationType type, CatalogListing.Listing result) {
        UUID op = UUID.randomUUID();
        s.operations().put(op, new Result(result.schema(), result.rows()));
        return new TOperationHandle(handle(op), type, !result.schema().isEmpty());
    }

    private Result result(TOperationHandle handle) {
        UUID op = id(handle.getOperationId());
        for (ClientSession s : sessions.values()) {
            Result r = s.operations().get(op);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static THandleIdentifier handle(UUID id) {
        ByteBuffer guid = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                .putLong(id.getLeastSignificantBits());
        guid.flip();
        return new THandleIdentifier(guid, ByteBuffer.wrap(new byte[16]));
    }

    private static UUID id(THandleIdentifier handle) {
        ByteBuffer guid = handle.bufferForGuid().duplicate();
        return new UUID(guid.getLong(), guid.getLong());
    }

    private static TStatus ok() {
        return new TStatus(TStatusCode.SUCCESS_STATUS);
    }

    private static TStatus error(Exception e) {
        String sqlState = e instanceof SparkThrowable t && t.getSqlState() != null ? t.getSqlState() : "42000";
        return error(e.getMessage() == null ? e.toString() : e.getMessage(), sqlState);
    }

    private static TStatus error(String message, String sqlState) {
        TStatus s = new TStatus(TStatusCode.ERROR_STATUS);
        s.setErrorMessage(message);
        s.setSqlState(sqlState);
        s.setErrorCode(0);
        return s;
    }

    private static TStatus noSession() {
        return error("Invalid session handle: the session was closed or the endpoint restarted. Reconnect.",
                "08003");
    }

    private static TStatus noOperation() {
        return error("Invalid operation handle: the operation was closed. Run the statement again.", "HY010");
    }

    private static TStatus unsupported(String call) {
        return error(call + " is not supported by the local SQL endpoint.", "HYC00");
    }
}
