package warden.host.plugins;

import io.vertx.core.Promise;
import io.vertx.core.json.JsonObject;
import java.util.List;

/** One event on its way to a plugin: queued, then in flight, until its result (or the plugin's death) settles it. */
final class Pending {

    /** What came back for one event. {@code error} is null when the handler returned normally. */
    record Outcome(List<String> replies, List<String> broadcasts, String error) {}

    final long seq;
    final JsonObject frame;
    final Promise<Outcome> promise = Promise.promise();
    final String encoded;
    final int bytes;
    final long createdNanos;
    long sentNanos;

    Pending(long seq, JsonObject frame, long createdNanos) {
        this.seq = seq;
        this.frame = frame.put("type", "event").put("seq", seq);
        this.encoded = this.frame.encode();
        this.bytes = encoded.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
        this.createdNanos = createdNanos;
    }
}
