package warden.runner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;

/** Writes protocol frames, one JSON object per line, to the real stdout. Used from the reader and worker threads. */
final class FrameWriter {

    private final PrintStream out;
    private final ObjectMapper json;

    FrameWriter(PrintStream out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    ObjectNode frame(String type) {
        return json.createObjectNode().put("type", type);
    }

    synchronized void write(ObjectNode frame) {
        try {
            out.print(json.writeValueAsString(frame));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode frame", e);
        }
        out.print('\n');
        out.flush();
    }
}
