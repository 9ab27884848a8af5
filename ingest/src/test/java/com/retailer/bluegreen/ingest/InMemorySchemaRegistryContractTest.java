package com.retailer.bluegreen.ingest;

class InMemorySchemaRegistryContractTest extends SchemaRegistryContract {
    @Override
    protected SchemaRegistry newEmptyRegistry() {
        return new InMemorySchemaRegistry();
    }
}
