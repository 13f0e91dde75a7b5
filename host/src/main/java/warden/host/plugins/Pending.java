package warden.host.plugins;

import io.vertx.core.Promise;
import java.util.List;
import warden.protocol.Event;
import warden.protocol.HostFrame;

/** One event on its way to a plugin: queued, then in flight, until its result (or the plugin's death) settles it. */
final class Pending {

    /** What came back for one event. {@code error} is null when the handler returned normally. */
    record Outcome(List<String> replies, List<String> broadcasts, String error) {}

    final long seq;
    final Promise<Outcome> promise = Promise.promise();
    final String encoded;
    final int bytes;
    final long createdNanos;
    long sentNanos;

    Pending(long seq, Event event, long createdNanos) {
        this.seq = seq;
        this.encoded = Frames.encode(new HostFrame.EventFrame(seq, event));
        this.bytes = encoded.getBytes(java.nio.charset.StandardCharsets.UTF_8).length + 1;
        this.createdNanos = createdNanos;
    }
}
