package warden.host.http;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import warden.host.Addresses;

/**
 * The chart markers of each child since the host started: starts, restarts, stops, crashes and reloads, from the
 * event bus and from the API's own control requests. The supervisor keeps crash records for longer; restarts and stops are only known here.
 *
 * <p>Owned by the host context (bus consumers run there). At most {@link #PER_CHILD} markers per child.
 */
final class Timeline {

    static final int PER_CHILD = 500;

    /** {@code kind}: start, restart, stop, crash, reload. */
    record Marker(String at, String kind, String detail) {}

    private final Map<String, Deque<Marker>> byChild = new HashMap<>();
    private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();

    void listen(EventBus bus) {
        consumers.add(bus.consumer(Addresses.CHILD_STATE, m -> onState(m.body())));
        consumers.add(bus.consumer(
                Addresses.CHILD_CRASH,
                m -> add(
                        m.body().getString("id", m.body().getString("childId")),
                        new Marker(
                                m.body().getString("at"),
                                "crash",
                                "exit " + m.body().getValue("exitCode") + ": "
                                        + m.body().getString("reason")))));
        consumers.add(bus.consumer(Addresses.PLUGIN_RELOAD, m -> {
            JsonObject b = m.body();
            add(
                    b.getString("id"),
                    new Marker(
                            b.getString("at"),
                            "reload",
                            b.getString("fromVersion") + " -> " + b.getString("toVersion") + " "
                                    + b.getString("outcome")));
        }));
    }

    void close() {
        consumers.forEach(MessageConsumer::unregister);
    }

    List<Marker> of(String childId) {
        Deque<Marker> markers = byChild.get(childId);
        return markers == null ? List.of() : List.copyOf(markers);
    }

    private void onState(JsonObject b) {
        String previous = b.getString("previous");
        // Only the supervisor's own restarts: starts and stops on request are recorded by requested(), because a
        // restart on request shows on the bus as a stop followed by a start.
        boolean recovering = "CRASHED".equals(previous) || "BACKOFF".equals(previous) || "FAILED".equals(previous);
        if ("STARTING".equals(b.getString("state")) && recovering) {
            add(b.getString("id"), new Marker(b.getString("at"), "restart", b.getString("reason")));
        }
    }

    /** An admin asked for {@code action} (start, stop, restart) through the API. */
    void requested(String childId, String action, java.time.Instant at) {
        add(childId, new Marker(at.toString(), action, "requested through the API"));
    }

    private void add(String childId, Marker marker) {
        if (childId == null || marker.at() == null) {
            return;
        }
        Deque<Marker> markers = byChild.computeIfAbsent(childId, id -> new ArrayDeque<>());
        markers.addLast(marker);
        if (markers.size() > PER_CHILD) {
            markers.removeFirst();
        }
    }
}
