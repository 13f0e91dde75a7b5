package warden.host.supervisor;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** One line a child wrote. {@code stream} is "out" or "err". */
public record OutputLine(Instant at, String stream, String text) {

    /** {@code {at, stream, text}}, as in an {@link OutputBatch}. */
    public JsonObject toJson() {
        return new JsonObject().put("at", at.toString()).put("stream", stream).put("text", text);
    }
}
