package warden.host.supervisor;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/** The JSON bodies the supervisor publishes; their shapes are documented on {@code warden.host.bus.Addresses}. */
final class Events {

    private Events() {}

    /** {@code CHILD_STATE}: {@code pid} is the process the transition is about, 0 when there is none. */
    static JsonObject state(
            ChildSpec spec,
            ChildState previous,
            ChildState next,
            String reason,
            Instant at,
            long pid,
            Integer exitCode) {
        JsonObject event = new JsonObject()
                .put("id", spec.id())
                .put("kind", spec.kind().name())
                .put("state", next.name())
                .put("previous", previous.name())
                .put("reason", reason)
                .put("at", at.toString())
                .put("pid", pid);
        if (exitCode != null) {
            event.put("exitCode", exitCode);
        }
        return event;
    }

    /** {@code CHILD_OUTPUT}. */
    static JsonObject output(String childId, JsonArray lines) {
        return new JsonObject().put("id", childId).put("lines", lines);
    }

    static JsonObject line(OutputLine l) {
        return new JsonObject()
                .put("at", l.at().toString())
                .put("stream", l.stream())
                .put("text", l.text());
    }

    /** {@code CHILD_CRASH}: the record without its tail. */
    static JsonObject crash(CrashRecord r) {
        return new JsonObject()
                .put("seq", r.seq())
                .put("id", r.childId())
                .put("at", r.at().toString())
                .put("exitCode", r.exitCode())
                .put("likelySignal", r.likelySignal())
                .put("reason", r.reason())
                .put("uptimeMs", r.uptime().toMillis())
                .put("restartNumber", r.restartNumber())
                .put("decision", r.decision());
    }
}
