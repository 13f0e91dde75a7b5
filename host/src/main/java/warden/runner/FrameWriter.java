package warden.runner;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import warden.protocol.PluginFrame;

/**
 * Reads and writes protocol frames, one JSON object per line: writes the {@link PluginFrame} records, reads the host's
 * frames as plain maps and lists. Writing goes to the real stdout
 * and is used from the reader and worker threads.
 *
 * <p>Jackson's streaming core only, on purpose: an {@code ObjectMapper} loads about 400 more classes and costs a plugin
 * child about 9 MB of RSS, for frames that are a handful of flat fields.
 */
final class FrameWriter {

    private final PrintStream out;
    private final JsonFactory json = new JsonFactory();

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
        StringWriter s = new StringWriter();
        try (JsonGenerator g = json.createGenerator(s)) {
            writeValue(g, frame.toMap());
        } catch (IOException e) {
            throw new IllegalStateException("cannot encode frame", e);
        }
        return s.toString();
    }

    /** A JSON object as maps, lists, strings, longs, doubles, booleans and nulls; throws for anything else. */
    Map<String, Object> parse(String line) throws IOException {
        try (JsonParser p = json.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            return readObject(p);
        }
    }

    private static Map<String, Object> readObject(JsonParser p) throws IOException {
        Map<String, Object> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            map.put(name, readValue(p));
        }
        return map;
    }

    private static Object readValue(JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT:
                return readObject(p);
            case START_ARRAY:
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readValue(p));
                }
                return list;
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return true;
            case VALUE_FALSE:
                return false;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected " + p.currentToken());
        }
    }

    private static void writeValue(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(String.valueOf(e.getKey()));
                writeValue(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof List<?> l) {
            g.writeStartArray();
            for (Object o : l) {
                writeValue(g, o);
            }
            g.writeEndArray();
        } else if (v instanceof Integer || v instanceof Long) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof Number n) {
            g.writeNumber(n.doubleValue());
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else {
            g.writeString(String.valueOf(v));
        }
    }
}
