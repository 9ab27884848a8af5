package com.retailer.bluegreen.storage;

import java.net.URI;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3-compatible object store on localhost: s3proxy (the S3 REST API, AWS signature v4) over jclouds' in-memory
 * blob store. Hadoop's S3A client reaches it with path-style requests and static keys, as it would reach S3.
 */
public final class LocalS3 implements AutoCloseable {
    public static final String ACCESS_KEY = "local-access";
    public static final String SECRET_KEY = "local-secret";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    private LocalS3(BlobStoreContext context, S3Proxy proxy) {
        this.context = context;
        this.proxy = proxy;
    }

    /** Starts the store with one bucket. */
    public static LocalS3 start(String bucket) throws Exception {
        Properties props = new Properties();
        BlobStoreContext context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
                .overrides(props).build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY).build();
        proxy.start();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("s3proxy did not start: " + proxy.getState());
            }
            Thread.sleep(20);
        }
        context.getBlobStore().createContainerInLocation(null, bucket);
        return new LocalS3(context, proxy);
    }

    public String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** The Hadoop settings that point {@code s3a://} at this store (prefix them with {@code spark.hadoop.} for Spark). */
    public Map<String, String> hadoopConf() {
        return Map.ofEntries(
                Map.entry("fs.s3a.endpoint", endpoint()),
                Map.entry("fs.s3a.endpoint.region", "us-east-1"),
                Map.entry("fs.s3a.path.style.access", "true"),
                Map.entry("fs.s3a.connection.ssl.enabled", "false"),
                Map.entry("fs.s3a.access.key", ACCESS_KEY),
                Map.entry("fs.s3a.secret.key", SECRET_KEY),
                Map.entry("fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider"),
                Map.entry("fs.s3a.impl.disable.cache", "true"));
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
