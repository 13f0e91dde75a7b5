package warden.host.alerts;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;
import warden.host.bus.Addresses;
import warden.host.metrics.Tick;
import warden.host.plugins.ReloadRecord;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;
import warden.host.supervisor.CrashRecord;
import warden.host.supervisor.StateChange;

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
    private final List<MessageConsumer<?>> consumers = new ArrayList<>();

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

    private <T> void on(String address, Consumer<T> handler) {
        consumers.add(bus.<T>consumer(address, m -> handler.accept(m.body())));
    }

    private void onTick(Tick tick) {
        Set<String> running = new HashSet<>();
        for (ChildStatus c : children.get()) {
            kinds.put(c.id(), c.kind());
            if (c.state() == ChildState.RUNNING) {
                running.add(c.id());
            }
        }
        evaluator.tick(tick.children(), tick.host(), tick.system(), running);
    }

    private void onCrash(CrashRecord crash) {
        String id = crash.childId();
        String reason = crash.reason() == null ? "" : crash.reason();
        boolean runningAgain =
                children.get().stream().anyMatch(c -> c.id().equals(id) && c.state() == ChildState.RUNNING);
        evaluator.crash(
                id, Wording.crash(id, crash), tail.apply(id, TAIL_LINES), reason.startsWith("not ready"), runningAgain);
    }

    private void onState(StateChange state) {
        String id = state.id();
        List<String> lines = state.state() == ChildState.FAILED ? tail.apply(id, TAIL_LINES) : List.of();
        evaluator.state(id, state.state(), state.reason() == null ? "" : state.reason(), lines);
    }

    private void onReload(ReloadRecord reload) {
        String id = reload.pluginId();
        evaluator.reload(id, reload.ok(), Wording.reload(id, reload));
    }
}
