package warden.host.supervisor;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import warden.host.bus.Addresses;

/**
 * Records one child's {@code CHILD_STATE} events as "STATE" or "CRASHED(code)"/"STOPPED(code)" strings, the form the
 * tests assert, and completes a future when a given number has been seen.
 */
final class Transitions {

    private final String id;
    private final List<String> seen = new ArrayList<>();
    private final List<JsonObject> events = new ArrayList<>();
    private int want = Integer.MAX_VALUE;
    private Promise<List<String>> waiting;

    Transitions(Vertx vertx, String id) {
        this.id = id;
        vertx.eventBus().<JsonObject>consumer(Addresses.CHILD_STATE, msg -> record(msg.body()));
    }

    /** Completes with the first {@code n} transitions once they have been seen. */
    synchronized Future<List<String>> first(int n) {
        want = n;
        Promise<List<String>> p = Promise.promise();
        waiting = p;
        check();
        return p.future();
    }

    synchronized JsonObject event(int i) {
        return events.get(i);
    }

    private synchronized void record(JsonObject e) {
        if (!e.getString("id").equals(id)) {
            return;
        }
        String state = e.getString("state");
        Integer code = e.getInteger("exitCode");
        seen.add(code == null ? state : state + "(" + code + ")");
        events.add(e);
        check();
    }

    private void check() {
        if (waiting != null && seen.size() >= want) {
            Promise<List<String>> p = waiting;
            waiting = null;
            p.complete(new ArrayList<>(seen.subList(0, want)));
        }
    }
}
