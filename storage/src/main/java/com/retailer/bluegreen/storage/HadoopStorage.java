package com.retailer.bluegreen.storage;

import com.retailer.bluegreen.layout.Storage;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.spark.sql.SparkSession;

/**
 * {@link Storage} on Hadoop's {@code FileSystem}, configured as the job's Spark session is: {@code s3a://},
 * {@code abfss://}, {@code gs://}, {@code dbfs:} and {@code /Volumes} locations resolve to the filesystem Spark uses
 * for the tables next to them, with the same credentials. Locations on the local filesystem are handed to
 * {@link Storage#local()}, whose claims use hard links.
 *
 * <p>On other filesystems a file is written in one {@code create} (an object store makes it visible whole on
 * close), and {@link #createOnce} is {@code create(overwrite = false)} read back: atomic where the store refuses the
 * second of two creates (HDFS, ADLS Gen2, GCS, Databricks volumes); on S3 two creates at the same moment can both
 * succeed and the later one wins, which the read-back detects when it sees the other's content (see
 * {@code docs/databricks.md}).
 */
public final class HadoopStorage implements Storage {
    private static final String SPARK_HADOOP = "spark.hadoop.";
    private final Configuration conf;

    public HadoopStorage(Configuration conf) {
        this.conf = conf;
    }

    /** The storage the job's session reaches: its Hadoop configuration, with the cloud credentials set on it. */
    public static HadoopStorage of(SparkSession spark) {
        return new HadoopStorage(spark.sparkContext().hadoopConfiguration());
    }

    /**
     * The storage a command without a Spark session reaches (say {@code inspect}): a Hadoop configuration with the
     * {@code spark.hadoop.*} settings of {@code sparkConf}, as Spark would build it.
     */
    public static HadoopStorage withoutSpark(Map<String, String> sparkConf) {
        Configuration conf = new Configuration();
        sparkConf.forEach((k, v) -> {
            if (k.startsWith(SPARK_HADOOP)) {
                conf.set(k.substring(SPARK_HADOOP.length()), v);
            }
        });
        return new HadoopStorage(conf);
    }

    @Override
    public Optional<Entry> status(String location) throws IOException {
        Path p = new Path(location);
        FileSystem fs = p.getFileSystem(conf);
        if (isLocal(fs)) {
            return Storage.local().status(localPath(fs, p));
        }
        try {
            return Optional.of(entry(fs.getFileStatus(p)));
        } catch (FileNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Entry> list(String directory) throws IOException {
        Path p = new Path(directory);
        FileSystem fs = p.getFileSystem(conf);
        if (isLocal(fs)) {
            return Storage.local().list(localPath(fs, p));
        }
        FileStatus[] statuses;
        try {
            statuses = fs.listStatus(p);
        } catch (FileNotFoundException e) {
            return List.of();
        }
        List<Entry> out = new ArrayList<>(statuses.length);
        for (FileStatus s : statuses) {
            out.add(entry(s));
        }
        return out;
    }

    @Override
    public byte[] read(String location) throws IOException {
        Path p = new Path(location);
        FileSystem fs = p.getFileSystem(conf);
        if (isLocal(fs)) {
            return Storage.local().read(localPath(fs, p));
        }
        try (InputStream in = fs.open(p)) {
            return in.readAllBytes();
        } catch (FileNotFoundException e) {
            NoSuchFileException missing = new NoSuchFileException(location);
            missing.initCause(e);
            throw missing;
        }
    }

    @Override
    public void write(String location, byte[] content) throws IOException {
        Path p = new Path(location);
        FileSystem fs = p.getFileSystem(conf);
        if (isLocal(fs)) {
            Storage.local().write(localPath(fs, p), content);
            return;
        }
        try (FSDataOutputStream out = fs.create(p, true)) {
            out.write(content);
        }
    }

    @Override
    public boolean createOnce(String location, byte[] content) throws IOException {
        Path p = new Path(location);
        FileSystem fs = p.getFileSystem(conf);
        if (isLocal(fs)) {
            return Storage.local().createOnce(localPath(fs, p), content);
        }
        if (fs.exists(p)) {
            return false;
        }
        try (FSDataOutputStream out = fs.create(p, false)) {
            out.write(content);
        } catch (FileAlreadyExistsException e) {
            return false;
        }
        // Where create(overwrite = false) is not atomic, a racer's file may have replaced ours: ours only if it holds
        // our content.
        return Arrays.equals(read(location), content);
    }

    @Override
    public boolean delete(String location) throws IOException {
        Path p = new Path(location);
        FileSystem fs = p.getFileSystem(conf);
        if (isLocal(fs)) {
            return Storage.local().delete(localPath(fs, p));
        }
        return fs.delete(p, false);
    }

    private static boolean isLocal(FileSystem fs) {
        return fs instanceof LocalFileSystem || fs instanceof RawLocalFileSystem;
    }

    private static String localPath(FileSystem fs, Path p) {
        return fs.makeQualified(p).toUri().getPath();
    }

    private static Entry entry(FileStatus s) {
        return new Entry(s.getPath().getName(), s.isDirectory() ? Kind.DIRECTORY : Kind.FILE, s.getLen(),
                Instant.ofEpochMilli(s.getModificationTime()));
    }
}
