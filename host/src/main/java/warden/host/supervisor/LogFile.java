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
 * <p>Written by the output poller thread for both streams (stdout and stderr share the file); synchronized all the
 * same, since rotation and close come from elsewhere at shutdown. Never touched on the event loop. An I/O error (a full or read-only disk) never breaks the pump: the file is closed, the
 * error logged once, and lines are counted instead of written; the next line tries to open the file again, so logging
 * resumes as soon as the disk takes writes, with a line saying how many were lost.
 */
final class LogFile implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogFile.class);
    static final String NAME = "output.log";

    private final Path dir;
    private final long maxFileBytes;
    private final int files;
    private OutputStream out;
    private long size;
    /** Lines lost since the file failed; -1 while it works. */
    private long lost = -1;
    /** Lines written to the buffer since the last flush: lost with it if the flush fails. */
    private long buffered;

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
        if (closed) {
            return;
        }
        try {
            if (out == null) {
                open();
                if (lost >= 0) {
                    // Flushed at once: a disk that takes this line back is a disk that works again. The failed write
                    // may have left half a line: the note starts on a line of its own.
                    append((endsInNewline() ? "" : "\n") + line.at() + " warden " + lost
                            + " line(s) not logged: the log file could not be written\n");
                    out.flush();
                    LOG.info("log file of {} works again; {} line(s) were not logged", dir, lost);
                    lost = -1;
                }
            }
            append(line.at() + " " + line.stream() + " " + line.text() + "\n");
            buffered++;
        } catch (IOException e) {
            failed(e);
            lost++; // this line
        }
    }

    synchronized void flush() {
        if (out != null) {
            try {
                out.flush();
                buffered = 0;
            } catch (IOException e) {
                failed(e);
            }
        }
    }

    /** Lines not written since the file failed; 0 while it works. */
    synchronized long lost() {
        return Math.max(0, lost);
    }

    private boolean endsInNewline() throws IOException {
        Path current = dir.resolve(NAME);
        if (size == 0) {
            return true;
        }
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(current.toFile(), "r")) {
            f.seek(size - 1);
            return f.read() == '\n';
        }
    }

    private void append(String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (size > 0 && size + bytes.length > maxFileBytes) {
            rotate();
        }
        out.write(bytes);
        size += bytes.length;
    }

    /** Whatever was buffered is lost with the stream; the next line opens the file again. */
    private void failed(IOException e) {
        if (lost < 0) {
            LOG.error(
                    "log file of {} cannot be written ({}); lines are counted, not logged, until it can",
                    dir,
                    e.toString());
            lost = 0;
        }
        lost += buffered;
        buffered = 0;
        if (out != null) {
            try {
                out.close();
            } catch (IOException ignored) {
                // The same error again: the stream is dropped either way.
            }
            out = null;
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
