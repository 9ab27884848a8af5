package com.retailer.bluegreen.publish.memory;

import com.retailer.bluegreen.publish.Catalog;
import com.retailer.bluegreen.publish.CatalogContract;
import com.retailer.bluegreen.publish.ColourJobs;
import com.retailer.bluegreen.publish.ColourJobsContract;
import com.retailer.bluegreen.publish.ControlStore;
import com.retailer.bluegreen.publish.ControlStoreContract;
import com.retailer.bluegreen.publish.LedgerStore;
import com.retailer.bluegreen.publish.LedgerStoreContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Nested;

/** The in-memory ports the release core's unit tests use pass the same contracts as the Spark and Delta ones. */
class InMemoryPortsContractTest {

    @Nested
    class Control extends ControlStoreContract {
        @Override
        protected ControlStore newStore(Runnable beforeCommit) {
            return new InMemoryControlStore().beforeCommit(beforeCommit);
        }

        @Override
        protected ControlStore otherHandle(ControlStore store, Runnable beforeCommit) {
            return ((InMemoryControlStore) store).handle(beforeCommit);
        }
    }

    @Nested
    class Ledger extends LedgerStoreContract {
        @Override
        protected LedgerStore newStore() {
            return new InMemoryLedgerStore();
        }

        @Override
        protected LedgerStore otherHandle(LedgerStore store) {
            return store; // its appends do not hold a lock across the caller's check, so one handle races itself
        }
    }

    @Nested
    class Views extends CatalogContract {
        private final InMemoryCatalog catalog = new InMemoryCatalog();
        private final AtomicInteger schemas = new AtomicInteger();

        @Override
        protected Catalog catalog() {
            return catalog;
        }

        @Override
        protected String newSchema() {
            return "main.s" + schemas.incrementAndGet();
        }

        @Override
        protected void givenTable(String name) {
            catalog.table(name, "a", "STRING", "b", "BIGINT");
        }
    }

    @Nested
    class Jobs extends ColourJobsContract {
        private final InMemoryColourJobs jobs = new InMemoryColourJobs();

        @Override
        protected ColourJobs jobs() {
            return jobs;
        }
    }
}
