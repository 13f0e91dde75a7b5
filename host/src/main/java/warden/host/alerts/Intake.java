package warden.host.alerts;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import warden.host.bus.Addresses;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;

/**
 * What the evaluator hears from the rest of the host: the metrics tick, the supervisor's crashes and states and the
 * plugin host's reloads, read off the event bus and turned into the evaluator's calls, with child ids mapped to the
 * sources their samples are kept under.
 *
 * <p>Owned by the {@link AlertService}, on the host context. It only listens while alerts are enabled.
 */
final class Intake {

    private static final int TAIL_LINES = 10;

    private final EventBus bus;
    private final Evaluator evaluator;
    private final Supplier<List<ChildStatus>> children;
    private final BiFunction<String, Integer, List<String>> tail;
    private final Map<String, ChildKind> kinds;
    private final List<MessageConsumer<JsonObject>> consumers = new ArrayList<>();

    /** @param kinds filled here, from each tick's children; the evaluator reads it for {@code kind:} scopes */
    Intake(
            EventBus bus,
            Evaluator evaluator,
            Supplier<List<ChildStatus>> children,
            BiFunction<String, Integer, List<String>> tail,
            Map<String, ChildKind> kinds) {
        this.bus = bus;
        this.evaluator = evaluator;
        this.children = children;
        this.tail = tail;
        this.kinds = kinds;
    }

    boolean listening() {
        return !consumers.isEmpty();
    }

    void listen() {
        if (listening()) {
            return;
        }
        on(Addresses.METRICS_TICK, this::onTick);
        on(Addresses.CHILD_CRASH, this::onCrash);
        on(Addresses.CHILD_STATE, this::onState);
        on(Addresses.PLUGIN_RELOAD, this::onReload);
    }

    void stop() {
        consumers.forEach(MessageConsumer::unregister);
        consumers.clear();
    }

    private void on(String address, Consumer<JsonObject> handler) {
        consumers.add(bus.<JsonObject>consumer(address, m -> handler.accept(m.body())));
    }

    private void onTick(JsonObject tick) {
        Set<String> running = new HashSet<>();
        for (ChildStatus c : children.get()) {
            kinds.put(c.id(), c.kind());
            if (c.state() == ChildState.RUNNING) {
                running.add(c.id());
            }
        }
        JsonObject byChild = tick.getJsonObject("children", new JsonObject());
        Map<String, Map<String, Object>> values = new LinkedHashMap<>();
        for (String source : byChild.fieldNames()) {
            values.put(source, byChild.getJsonObject(source).getMap());
        }
        evaluator.tick(
                values,
                tick.getJsonObject("host", new JsonObject()).getMap(),
                tick.getJsonObject("system", new JsonObject()).getMap(),
                running);
    }

    private void onCrash(JsonObject crash) {
        String id = crash.getString("id");
        String reason = crash.getString("reason", "");
        boolean runningAgain =
                children.get().stream().anyMatch(c -> c.id().equals(id) && c.state() == ChildState.RUNNING);
        evaluator.crash(
                id, Wording.crash(id, crash), tail.apply(id, TAIL_LINES), reason.startsWith("not ready"), runningAgain);
    }

    private void onState(JsonObject state) {
        String id = state.getString("id");
        String s = state.getString("state");
        List<String> lines = s.equals("FAILED") ? tail.apply(id, TAIL_LINES) : List.of();
        evaluator.state(id, s, state.getString("reason", ""), lines);
    }

    private void onReload(JsonObject reload) {
        String id = reload.getString("id");
        evaluator.reload(id, "ok".equals(reload.getString("outcome")), Wording.reload(id, reload));
    }
}
