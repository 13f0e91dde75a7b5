package warden.runner;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import warden.protocol.PluginFrame;

/**
 * Reads and writes protocol frames, one JSON object per line: writes the {@link PluginFrame} records, reads the host's
 * frames as plain maps and lists. Writing goes to the real stdout
 * and is used from the reader and worker threads.
 *
 * <p>With the runner's own {@link JsonReader} and {@link JsonWriter}, on purpose: a Jackson {@code ObjectMapper} loads about 400 more classes and
 * costs a plugin child about 9 MB of RSS, and even Jackson's streaming core costs its start 6 ms, for frames that are a
 * handful of flat fields.
 */
final class FrameWriter {

    private final PrintStream out;

    FrameWriter(PrintStream out) {
        this.out = out;
    }

    synchronized void write(PluginFrame frame) {
        writeLine(encode(frame));
    }

    /**
     * {@code line}: a frame as {@link #encode} made it. One print, so one write(2) to the unbuffered stdout; concat, not
     * {@code +}, whose first use bootstraps a method handle chain on the way to the ready frame.
     */
    synchronized void writeLine(String line) {
        out.print(line.concat("\n"));
        out.flush();
    }

    String encode(PluginFrame frame) {
        StringBuilder b = new StringBuilder(64);
        JsonWriter.write(frame.toMap(), b);
        return b.toString();
    }

    /** A JSON object as maps, lists, strings, longs, doubles, booleans and nulls; throws for anything else. */
    Map<String, Object> parse(String line) throws IOException {
        return JsonReader.parseObject(line);
    }
}
