package warden.host.plugins;

import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import warden.host.supervisor.ChildAttachment;
import warden.host.supervisor.ChildChannel;

/**
 * The host's end of the wire protocol for one run of one plugin child (plugin-api/PROTOCOL.md). It checks every frame
 * the child sends; any breach is answered by killing the child through {@link ChildChannel#fail}, never by an
 * exception in the host. A ready child that sends nothing for three heartbeat intervals is killed as unresponsive.
 *
 * <p>Created per run by the supervisor through {@code ChildSpec.attachment()}; confined to the host context.
 */
final class PluginConnection implements ChildAttachment {

    static final int PROTOCOL_VERSION = 1;
    static final int MAX_FRAME_CHARS = 1 << 20;
    static final int MISSED_HEARTBEATS = 3;
    /**
     * Unanswered event bytes allowed per child. The supervisor buffers at most 64 KiB for a child's stdin and drops
     * what does not fit; staying under half of it means an event is never lost there. Further events wait in the
     * plugin's queue.
     */
    static final int WINDOW_BYTES = 32 * 1024;

    /** What the child announced in its hello. */
    record Hello(String id, String version, List<JsonObject> commands, List<String> events) {}

    private final Vertx vertx;
    private final PluginSlot slot;
    private final Duration heartbeat;
    private final int generation;
    private final Map<Long, Pending> inFlight = new HashMap<>();
    private ChildChannel channel;
    private Hello hello;
    private boolean ready;
    private boolean closed;
    private long lastFrameNanos;
    private long inFlightBytes;
    private long timer = -1;

    /** {@code generation} tells the runs of two versions apart while both are up during a reload. */
    PluginConnection(Vertx vertx, PluginSlot slot, Duration heartbeat, int generation) {
        this.vertx = vertx;
        this.slot = slot;
        this.heartbeat = heartbeat;
        this.generation = generation;
    }

    int generation() {
        return generation;
    }

    @Override
    public void started(ChildChannel channel) {
        this.channel = channel;
        this.lastFrameNanos = System.nanoTime();
    }

    @Override
    public void stdout(String line) {
        if (closed) {
            return;
        }
        lastFrameNanos = System.nanoTime();
        try {
            handle(line);
        } catch (Violation v) {
            closed = true;
            channel.fail("protocol violation: " + v.getMessage());
        }
    }

    @Override
    public void exited(int exitCode) {
        closed = true;
        if (timer != -1) {
            vertx.cancelTimer(timer);
        }
        List<Pending> lost = new ArrayList<>(inFlight.values());
        inFlight.clear();
        slot.exited(this, lost, exitCode);
    }

    boolean isReady() {
        return ready && !closed;
    }

    /** Sends an event; its result settles {@code p.promise}. Only for a ready connection. */
    void send(Pending p) {
        inFlight.put(p.seq, p);
        inFlightBytes += p.bytes;
        p.sentNanos = System.nanoTime();
        channel.write(p.encoded);
    }

    /** True when {@code bytes} more fit in the window; an idle child takes any event that fits the supervisor. */
    boolean canTake(int bytes) {
        return inFlightBytes + bytes <= WINDOW_BYTES || inFlight.isEmpty();
    }

    int inFlight() {
        return inFlight.size();
    }

    private void handle(String line) throws Violation {
        if (line.length() > MAX_FRAME_CHARS) {
            throw new Violation("frame of " + line.length() + " characters exceeds " + MAX_FRAME_CHARS);
        }
        if (line.isBlank()) {
            return;
        }
        JsonObject frame;
        try {
            frame = new JsonObject(line);
        } catch (DecodeException | ClassCastException e) {
            throw new Violation("not a JSON object: " + abbreviate(line));
        }
        String type = frame.getValue("type") instanceof String s ? s : "";
        if (hello == null && !type.equals("hello")) {
            throw new Violation("expected hello first, got '" + type + "'");
        }
        switch (type) {
            case "hello" -> onHello(frame);
            case "ready" -> onReady();
            case "result" -> onResult(frame);
            case "counters" -> onCounters(frame);
            case "heartbeat", "goodbye" -> {}
            default -> throw new Violation("unknown frame type '" + abbreviate(type) + "'");
        }
    }

    private void onHello(JsonObject frame) throws Violation {
        if (hello != null) {
            throw new Violation("second hello");
        }
        Object protocol = frame.getValue("protocol");
        if (!(protocol instanceof Number n) || n.intValue() != PROTOCOL_VERSION) {
            throw new Violation("speaks protocol " + protocol + ", host speaks " + PROTOCOL_VERSION);
        }
        String id = frame.getValue("id") instanceof String s ? s : null;
        if (!slot.id().equals(id)) {
            throw new Violation("hello says id " + id + " but this child runs " + slot.id());
        }
        List<JsonObject> commands = new ArrayList<>();
        List<String> events = new ArrayList<>();
        try {
            JsonArray cs = frame.getJsonArray("commands", new JsonArray());
            for (int i = 0; i < cs.size(); i++) {
                JsonObject c = cs.getJsonObject(i);
                if (c.getString("name") == null || c.getString("name").isBlank()) {
                    throw new Violation("command without a name in hello");
                }
                commands.add(c);
            }
            frame.getJsonArray("events", new JsonArray()).forEach(e -> events.add(String.valueOf(e)));
        } catch (ClassCastException e) {
            throw new Violation("malformed hello: " + e.getMessage());
        }
        hello = new Hello(id, frame.getString("version", ""), commands, events);
    }

    private void onReady() throws Violation {
        if (ready) {
            throw new Violation("second ready");
        }
        ready = true;
        channel.ready(hello.version().isEmpty() ? null : hello.version());
        long intervalMillis = Math.max(1, heartbeat.toMillis());
        timer = vertx.setPeriodic(intervalMillis, id -> checkHeartbeat(intervalMillis));
        slot.ready(this, hello);
    }

    private void checkHeartbeat(long intervalMillis) {
        long silentMillis = (System.nanoTime() - lastFrameNanos) / 1_000_000;
        if (!closed && silentMillis > MISSED_HEARTBEATS * intervalMillis) {
            closed = true;
            vertx.cancelTimer(timer);
            channel.fail("unresponsive: no heartbeat for " + silentMillis + " ms");
        }
    }

    private void onResult(JsonObject frame) throws Violation {
        if (!(frame.getValue("seq") instanceof Number n)) {
            throw new Violation("result without a seq");
        }
        Pending p = inFlight.remove(n.longValue());
        if (p == null) {
            throw new Violation("result for seq " + n + ", which is not in flight (wrong or duplicate)");
        }
        inFlightBytes -= p.bytes;
        try {
            Pending.Outcome outcome = new Pending.Outcome(
                    strings(frame.getJsonArray("replies")),
                    strings(frame.getJsonArray("broadcasts")),
                    frame.getValue("error") == null ? null : String.valueOf(frame.getValue("error")));
            slot.result(p, outcome, System.nanoTime() - p.sentNanos);
        } catch (ClassCastException e) {
            throw new Violation("malformed result: " + e.getMessage());
        }
    }

    private void onCounters(JsonObject frame) throws Violation {
        Map<String, Long> values = new HashMap<>();
        JsonObject v = frame.getJsonObject("values", new JsonObject());
        for (String name : v.fieldNames()) {
            if (!(v.getValue(name) instanceof Number n)) {
                throw new Violation("counter " + name + " is not a number");
            }
            values.put(name, n.longValue());
        }
        slot.custom(values);
    }

    private static List<String> strings(JsonArray array) {
        if (array == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>(array.size());
        array.forEach(o -> out.add(String.valueOf(o)));
        return out;
    }

    private static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "...";
    }

    /** A breach of the protocol by the child. */
    private static final class Violation extends Exception {
        Violation(String message) {
            super(message, null, false, false);
        }
    }
}
