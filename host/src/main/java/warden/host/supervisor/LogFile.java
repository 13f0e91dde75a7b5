package warden.host.supervisor;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.storage.PrivateFiles;

/**
 * One child's output on disk: {@code dir/output.log}, rotated by size to {@code output.log.1} … {@code .(files-1)}, so
 * the child can never use more than about {@code maxFileBytes * files} however much it writes.
 *
 * <p>Written by the child's two output pump threads (stdout and stderr share the file), hence synchronized; never
 * touched on the event loop. An I/O error is logged once and turns the file off rather than breaking the pump.
 */
final class LogFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogFile.class);
    static final String NAME = "output.log";

    private final Path dir;
    private final long maxFileBytes;
    private final int files;
    private OutputStream out;
    private long size;
    private boolean broken;
    private boolean closed;

    LogFile(Path dir, long maxFileBytes, int files) {
        if (maxFileBytes <= 0 || files < 1) {
            throw new IllegalArgumentException("log files need a positive size and count");
        }
        this.dir = dir;
        this.maxFileBytes = maxFileBytes;
        this.files = files;
    }

    synchronized void write(OutputLine line) {
        if (broken || closed) {
            return;
        }
        byte[] bytes = (line.at() + " " + line.stream() + " " + line.text() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            if (out == null) {
                open();
            }
            if (size > 0 && size + bytes.length > maxFileBytes) {
                rotate();
            }
            out.write(bytes);
            size += bytes.length;
        } catch (IOException e) {
            broken = true;
            LOG.error("log file of {} disabled: {}", dir, e.toString());
        }
    }

    synchronized void flush() {
        if (out != null && !broken) {
            try {
                out.flush();
            } catch (IOException e) {
                broken = true;
                LOG.error("log file of {} disabled: {}", dir, e.toString());
            }
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (out != null) {
            try {
                out.close();
            } catch (IOException e) {
                // Closing at shutdown: what was flushed is what there is.
            }
            out = null;
        }
    }

    private void open() throws IOException {
        Files.createDirectories(dir);
        Path current = dir.resolve(NAME);
        size = Files.exists(current) ? Files.size(current) : 0;
        PrivateFiles.create(current);
        out = new BufferedOutputStream(
                Files.newOutputStream(current, StandardOpenOption.CREATE, StandardOpenOption.APPEND), 16 * 1024);
    }

    private void rotate() throws IOException {
        out.close();
        Path current = dir.resolve(NAME);
        if (files == 1) {
            Files.delete(current);
        } else {
            for (int i = files - 1; i >= 1; i--) {
                Path from = i == 1 ? current : dir.resolve(NAME + "." + (i - 1));
                if (Files.exists(from)) {
                    Files.move(from, dir.resolve(NAME + "." + i), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        PrivateFiles.create(current);
        out = new BufferedOutputStream(
                Files.newOutputStream(current, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING),
                16 * 1024);
        size = 0;
    }
}
