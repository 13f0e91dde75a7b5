package warden.host.supervisor;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A child changed state, as published on {@code Addresses.CHILD_STATE}; or, with {@code state == previous}, a new
 * generation took over a child that stays RUNNING.
 *
 * @param pid the process the transition is about, 0 when there is none
 * @param exitCode set on CRASHED (and on the exits that lead to STOPPED), else null
 */
public record StateChange(
        String id,
        ChildKind kind,
        ChildState state,
        ChildState previous,
        String reason,
        Instant at,
        long pid,
        Integer exitCode) {

    /** The live stream's shape: {@code {id, kind, state, previous, reason, at, pid, exitCode?}}. */
    public JsonObject toJson() {
        JsonObject json = new JsonObject()
                .put("id", id)
                .put("kind", kind.name())
                .put("state", state.name())
                .put("previous", previous.name())
                .put("reason", reason)
                .put("at", at.toString())
                .put("pid", pid);
        if (exitCode != null) {
            json.put("exitCode", exitCode);
        }
        return json;
    }
}
