package com.retailer.bluegreen.layout;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files created at most once, whole, by exactly one of several racing processes: the claims of the project (owner
 * markers, a bootstrap's cut and lease). The content is written durably to a temp file, then published under the
 * final name with a hard link, which fails if the name exists; where links are unsupported (object-store FUSE
 * mounts) an atomic rename, after which the file is read back to see whose it is.
 */
public final class AtomicFiles {
    private static final Logger LOG = LoggerFactory.getLogger(AtomicFiles.class);

    private AtomicFiles() {
    }

    /**
     * Creates {@code file} with {@code content} unless it exists.
     *
     * @return whether this call created it (false: it existed, or another process created it first)
     */
    public static boolean createOnce(Path file, byte[] content) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
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
