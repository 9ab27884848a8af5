package com.retailer.bluegreen.layout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Storage} on the local filesystem through {@code java.nio}. Claims ({@link #createOnce}) write the content
 * durably to a temporary file and publish it under the final name with a hard link, which fails if the name exists;
 * where links are unsupported (FUSE mounts of object stores) an atomic rename, after which the file is read back to
 * see whose it is.
 */
final class LocalStorage implements Storage {
    static final LocalStorage INSTANCE = new LocalStorage();
    private static final Logger LOG = LoggerFactory.getLogger(LocalStorage.class);

    private LocalStorage() {
    }

    /** The local path of {@code location}: a path, or a {@code file:} URI ({@code file:/x}, {@code file:///x}). */
    static Path path(String location) {
        String l = location;
        if (l.regionMatches(true, 0, "file:", 0, 5)) {
            l = l.substring(5);
            if (l.startsWith("//")) {
                l = l.substring(2);
            }
        }
        return Path.of(l);
    }

    @Override
    public Optional<Entry> status(String location) throws IOException {
        Path p = path(location);
        try {
            return Optional.of(entry(p, Files.readAttributes(p, BasicFileAttributes.class)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public List<Entry> list(String directory) throws IOException {
        Path dir = path(directory);
        List<Entry> out = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                try {
                    out.add(entry(e, Files.readAttributes(e, BasicFileAttributes.class)));
                } catch (NoSuchFileException gone) {
                    // deleted while listing (a temp file renamed away): not there
                }
            }
        } catch (NoSuchFileException | NotDirectoryException e) {
            return List.of();
        }
        return out;
    }

    private static Entry entry(Path p, BasicFileAttributes a) {
        return new Entry(p.getFileName() == null ? p.toString() : p.getFileName().toString(),
                a.isDirectory() ? Kind.DIRECTORY : Kind.FILE, a.size(), a.lastModifiedTime().toInstant());
    }

    @Override
    public byte[] read(String location) throws IOException {
        return Files.readAllBytes(path(location));
    }

    @Override
    public void write(String location, byte[] content) throws IOException {
        Path file = path(location).toAbsolutePath();
        Path dir = file.getParent();
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(tmp, content);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public boolean createOnce(String location, byte[] content) throws IOException {
        Path file = path(location).toAbsolutePath();
        Path dir = file.getParent();
        Files.createDirectories(dir);
        if (Files.exists(file)) {
            return false;
        }
        Path tmp = dir.resolve("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            writeDurably(tmp, content);
            return publish(tmp, file, content);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    @Override
    public boolean delete(String location) throws IOException {
        return Files.deleteIfExists(path(location));
    }

    private static boolean publish(Path tmp, Path file, byte[] content) throws IOException {
        try {
            Files.createLink(file, tmp);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException | IOException linkUnsupported) {
            LOG.warn("hard links unsupported at {} ({}); creating {} with an atomic rename instead",
                    file.getParent(), linkUnsupported.toString(), file.getFileName());
        }
        if (Files.exists(file)) {
            return false;
        }
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (AtomicMoveNotSupportedException e) {
            throw new IOException("cannot create " + file + " atomically: the filesystem supports neither hard links"
                    + " nor atomic rename", e);
        }
        // POSIX rename may replace a file a racer published meanwhile: it is ours only if it holds our content.
        return Arrays.equals(Files.readAllBytes(file), content);
    }

    private static void writeDurably(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) {
                ch.write(buf);
            }
            ch.force(true);
        }
    }
}
