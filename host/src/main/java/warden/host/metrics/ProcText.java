package warden.host.metrics;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A system-wide /proc text file (/proc/stat, /proc/meminfo, ...) held open and read again from position 0 at each
 * tick, with a cursor to pick numbers out of its bytes. The kernel regenerates the text on every read, so the open and
 * close, and the decoding into strings and lines that {@code Files.readAllLines} did, are saved on every tick (issue
 * 16). A failed read closes the file; the next one opens it again. Owned by the sampler thread.
 */
final class ProcText implements AutoCloseable {

    private final Path path;
    private FileChannel channel;
    private ByteBuffer buffer = ByteBuffer.allocate(4096);
    /** The buffer's array, read directly: cheaper per byte than the buffer's checked get (see ProcProbe). */
    private byte[] bytes = buffer.array();

    private int length;
    private int at;

    ProcText(Path path) {
        this.path = path;
    }

    /** Reads the whole file again and puts the cursor at its start. */
    void read() throws IOException {
        try {
            if (channel == null) {
                channel = FileChannel.open(path, StandardOpenOption.READ);
            }
            buffer.clear();
            long position = 0;
            for (int n; (n = channel.read(buffer, position)) > 0; ) {
                position += n;
                if (!buffer.hasRemaining()) { // /proc/stat grows with the number of CPUs and interrupts
                    buffer = ByteBuffer.allocate(buffer.capacity() * 2);
                    position = 0;
                }
            }
            length = buffer.position();
            bytes = buffer.array();
            at = 0;
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** True when the cursor is past the end. */
    boolean done() {
        return at >= length;
    }

    /** True when the text at the cursor starts with {@code prefix} (ASCII). */
    boolean at(String prefix) {
        if (at + prefix.length() > length) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The byte {@code offset} past the cursor, or 0 past the end. */
    int peek(int offset) {
        return at + offset < length ? bytes[at + offset] : 0;
    }

    /** Moves the cursor past the spaces at it. */
    void skipSpaces() {
        while (at < length && bytes[at] == ' ') {
            at++;
        }
    }

    /** Moves the cursor to the start of the next line. */
    void nextLine() {
        while (at < length && bytes[at] != '\n') {
            at++;
        }
        at++;
    }

    /** Moves the cursor past the next {@code c} on this line; false (cursor at the line's end) when there is none. */
    boolean skipPast(char c) {
        while (at < length && bytes[at] != '\n') {
            if (bytes[at++] == c) {
                return true;
            }
        }
        return false;
    }

    /** The next unsigned integer on this line, skipping what comes before it; -1 when the line has no more. */
    long number() {
        while (at < length && bytes[at] != '\n' && (bytes[at] < '0' || bytes[at] > '9')) {
            at++;
        }
        if (at >= length || bytes[at] == '\n') {
            return -1;
        }
        long v = 0;
        for (byte b; at < length && (b = bytes[at]) >= '0' && b <= '9'; at++) {
            v = v * 10 + (b - '0');
        }
        return v;
    }

    /** The text from the cursor to the next space or line end, moving past it. */
    String word() {
        int start = at;
        while (at < length && bytes[at] != ' ' && bytes[at] != '\n') {
            at++;
        }
        return new String(buffer.array(), start, at - start, java.nio.charset.StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // Closing a /proc file cannot lose data.
            }
            channel = null;
        }
    }
}
