package warden.host.supervisor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** Lines one child wrote, in the order it wrote them, as published on {@code Addresses.CHILD_OUTPUT}. */
public record OutputBatch(String id, List<OutputLine> lines) {

    public OutputBatch {
        lines = List.copyOf(lines);
    }

    /** The live stream's shape: {@code {id, lines: [{at, stream, text}]}}. */
    public JsonObject toJson() {
        JsonArray out = new JsonArray();
        lines.forEach(l -> out.add(l.toJson()));
        return new JsonObject().put("id", id).put("lines", out);
    }
}
