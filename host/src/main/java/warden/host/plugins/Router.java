package warden.host.plugins;

import io.vertx.core.Future;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.bus.Addresses;
import warden.host.metrics.SeriesSource;
import warden.protocol.Event;
import warden.protocol.PluginFrame;

/**
 * The registered plugins (one slot per plugin id, in registration order) and where each chat command and event goes.
 * Kept apart from the facade so the routing rules live in one place: the command table is rebuilt from a plugin's hello
 * each time it becomes ready, the first plugin to register a name keeps it, a command keeps its plugin while that
 * plugin restarts or reloads (its slot queues), a removed plugin loses its commands, and chat and player events go only
 * to the plugins that asked for them. A plugin's child id is its plugin id across reloads, so counters stay under it.
 *
 * <p>Owned by {@link PluginHost}, on the host context.
 */
final class Router {

    private static final Logger log = LoggerFactory.getLogger(Router.class);

    private final String commandPrefix;
    private final Map<String, PluginSlot> slots = new LinkedHashMap<>();
    private final Map<String, PluginSlot> commands = new TreeMap<>();
    private final List<String> readyOrder = new ArrayList<>();
    private BiConsumer<String, String> outbox = (origin, text) -> log.info("[{}] {}", origin, text);

    /** {@code commandPrefix} only words the failures of {@link #dispatch}. */
    Router(String commandPrefix) {
        this.commandPrefix = commandPrefix;
    }

    /** Forwards to whatever {@link #timings(EventTimings)} set last, so slots made before it report too. */
    private final EventTimings forward = new EventTimings() {
        @Override
        public void handled(String pluginId, long nanos) {
            timings.handled(pluginId, nanos);
        }

        @Override
        public void waited(String pluginId, long nanos) {
            timings.waited(pluginId, nanos);
        }
    };

    private EventTimings timings = EventTimings.NONE;

    void timings(EventTimings timings) {
        this.timings = timings;
    }

    void add(PluginSlot slot) {
        slot.timings(forward);
        slots.put(slot.id(), slot);
    }

    /** Forgets the plugin and its commands; its slot and child are the caller's to end. */
    void remove(PluginSlot slot) {
        slots.remove(slot.id());
        commands.values().removeIf(owner -> owner == slot);
    }

    /** Null for an unknown plugin id. */
    PluginSlot slot(String pluginId) {
        return slots.get(pluginId);
    }

    /** The plugin a supervisor child is (its child id is the plugin id); null for a child that is no plugin. */
    String pluginOf(String childId) {
        return slots.containsKey(childId) ? childId : null;
    }

    /** Each plugin's counters as metric series of its child, whatever its generation. */
    SeriesSource series() {
        return childId -> {
            String id = pluginOf(childId);
            return id == null ? Map.of() : slots.get(id).series();
        };
    }

    /** In registration order. */
    Collection<PluginSlot> slots() {
        return slots.values();
    }

    /** Where plugin broadcasts and replies to non-command events go: {@code (origin or null for everywhere, text)}. */
    void onOutput(BiConsumer<String, String> outbox) {
        this.outbox = outbox;
    }

    /** Player events from the game server's output, which the chat capability parses and publishes. */
    void followGamePlayers(EventBus bus) {
        bus.<JsonObject>localConsumer(
                Addresses.GAME_PLAYER,
                m -> broadcast(new Event.Player(
                        "game:" + m.body().getString("childId"),
                        m.body().getString("player"),
                        "join".equals(m.body().getString("event")))));
    }

    /** A child of plugin {@code id} said hello: its commands route to it from now on. */
    void ready(String id) {
        if (!readyOrder.contains(id)) {
            readyOrder.add(id);
        }
        PluginSlot slot = slots.get(id);
        // A new version may have dropped or added commands.
        commands.values().removeIf(owner -> owner == slot);
        for (PluginFrame.CommandInfo c : slot.hello().commands()) {
            PluginSlot owner = commands.putIfAbsent(c.name(), slot);
            if (owner != null && owner != slot) {
                log.warn("plugin {} also registers {}; it stays with {}", id, c.name(), owner.id());
            }
        }
    }

    boolean handles(String commandName) {
        return commands.containsKey(commandName);
    }

    Future<List<String>> dispatch(Command command) {
        PluginSlot slot = commands.get(command.name());
        if (slot == null) {
            return Future.failedFuture("no plugin handles " + commandPrefix + command.name());
        }
        return slot.send(new Event.Command(
                        command.name(), command.args(), command.user(), command.origin(), command.raw()))
                .compose(outcome -> {
                    outcome.broadcasts().forEach(b -> outbox.accept(null, b));
                    if (outcome.error() != null) {
                        return Future.failedFuture(
                                slot.id() + " failed on " + commandPrefix + command.name() + ": " + outcome.error());
                    }
                    return Future.succeededFuture(outcome.replies());
                });
    }

    /** To every plugin whose hello lists {@code kind}; replies go back to the event's origin. */
    void broadcast(Event event) {
        String kind = event instanceof Event.Chat ? Event.Chat.KIND : Event.Player.KIND;
        for (PluginSlot s : slots.values()) {
            if (s.hello() != null && s.hello().events().contains(kind)) {
                s.send(event).onSuccess(o -> {
                    o.replies().forEach(r -> outbox.accept(event.origin(), r));
                    o.broadcasts().forEach(b -> outbox.accept(null, b));
                });
            }
        }
    }

    /** Each registered plugin with the commands its hello listed (none before its first hello). */
    List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>();
        for (PluginSlot s : slots.values()) {
            PluginFrame.Hello h = s.hello();
            List<String> names = h == null
                    ? List.of()
                    : h.commands().stream().map(PluginFrame.CommandInfo::name).toList();
            Descriptor d = s.descriptor();
            String version = d.version().isEmpty() && h != null ? h.version() : d.version();
            out.add(new PluginInfo(s.id(), version, d.description(), names, d.source()));
        }
        return out;
    }

    /** Every known command's usage line mapped to its help text. */
    Map<String, String> help() {
        Map<String, String> out = new TreeMap<>();
        for (PluginSlot s : slots.values()) {
            if (s.hello() != null) {
                s.hello().commands().forEach(c -> out.put(c.usage(), c.help()));
            }
        }
        return out;
    }

    /** Plugin ids in the order they first became ready. */
    List<String> readyOrder() {
        return List.copyOf(readyOrder);
    }
}
