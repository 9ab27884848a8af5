package com.retailer.bluegreen.local;

import com.retailer.bluegreen.ingest.SchemaRegistryContract;
import com.retailer.bluegreen.ingest.SchemaRegistry;
import com.retailer.bluegreen.ingest.ConfluentRegistryClient;
import com.retailer.bluegreen.ingest.SchemaNotFoundException;
import com.retailer.bluegreen.ingest.InMemorySchemaRegistry;

import java.net.URI;
import java.time.Duration;

/** The REST client and the local server together must behave like any other registry. */
class ConfluentClientOnLocalServerContractTest extends SchemaRegistryContract {
    private LocalSchemaRegistryServer server;

    @Override
    protected SchemaRegistry newEmptyRegistry() {
        server = new LocalSchemaRegistryServer().start();
        return new ConfluentRegistryClient(URI.create(server.url()), Duration.ofSeconds(5));
    }

    @Override
    protected void tearDown() {
        server.close();
    }
}
