package com.retailer.bluegreen.publish.spark;

import com.retailer.bluegreen.publish.Catalog;
import com.retailer.bluegreen.publish.CatalogContract;
import com.retailer.bluegreen.publish.ControlStore;
import com.retailer.bluegreen.publish.ControlStoreContract;
import com.retailer.bluegreen.publish.LedgerStore;
import com.retailer.bluegreen.publish.LedgerStoreContract;
import com.retailer.bluegreen.publish.TestSpark;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;

/** The Delta and Spark adapters pass the same port contracts as the in-memory ones the core's unit tests use. */
@Tag("spark")
class SparkPortsContractTest {
    private static final AtomicInteger NEXT = new AtomicInteger();

    @TempDir
    Path dir;

    private String fresh(String what) {
        return dir.resolve(what + "-" + NEXT.incrementAndGet()).toString();
    }

    @Nested
    class Control extends ControlStoreContract {
        @Override
        protected ControlStore newStore(Runnable beforeCommit) {
            return new ControlTable(TestSpark.session(), fresh("control"), beforeCommit);
        }

        @Override
        protected ControlStore otherHandle(ControlStore store, Runnable beforeCommit) {
            return new ControlTable(TestSpark.session(), store.location(), beforeCommit);
        }
    }

    @Nested
    class Ledger extends LedgerStoreContract {
        @Override
        protected LedgerStore newStore() {
            return new AuditLedger(TestSpark.session(), fresh("ledger"), () -> { });
        }

        @Override
        protected LedgerStore otherHandle(LedgerStore store) {
            return new AuditLedger(TestSpark.session(), store.location(), () -> { });
        }
    }

    @Nested
    class Views extends CatalogContract {
        private final SparkSession spark = TestSpark.session();

        @Override
        protected Catalog catalog() {
            return new SparkCatalog(spark);
        }

        @Override
        protected String newSchema() {
            return "spark_catalog.catalog_contract_" + NEXT.incrementAndGet();
        }

        @Override
        protected void givenTable(String name) {
            spark.sql("CREATE TABLE " + name + " (a STRING, b BIGINT) USING delta");
            spark.sql("INSERT INTO " + name + " VALUES ('x', 1)");
        }
    }
}
