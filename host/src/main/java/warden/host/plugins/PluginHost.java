package warden.host.plugins;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.config.PluginsConfig;
import warden.host.metrics.SeriesSource;
import warden.host.supervisor.ChildKind;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.Readiness;
import warden.host.supervisor.RestartSpec;
import warden.host.supervisor.StopSpec;
import warden.host.supervisor.Supervisor;

/**
 * Discovers plugin jars, runs each plugin as a supervised child JVM and routes chat commands and events to them.
 *
 * <p>A plugin's child id in the supervisor is its plugin id. Commands are known from a plugin's hello; once known, a
 * command keeps routing to its plugin while that plugin restarts, and waits in the plugin's bounded queue.
 *
 * <p>Confined to the host context.
 */
public final class PluginHost {

    public static final String HOST_VERSION = "0.1.0";
    static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    static final StopSpec STOP = new StopSpec("{\"type\":\"stop\"}", Duration.ofSeconds(5));
    static final RestartSpec RESTART = new RestartSpec(
            RestartSpec.Policy.ALWAYS,
            Duration.ofSeconds(1),
            Duration.ofSeconds(60),
            Duration.ofSeconds(60),
            5,
            Duration.ofMinutes(5));

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final Vertx vertx;
    private final Children children;
    private final PluginsConfig config;
    private final Map<String, PluginSlot> slots = new LinkedHashMap<>();
    private final Map<String, PluginSlot> commands = new TreeMap<>();
    private final List<String> rejected = new ArrayList<>();
    private final List<String> readyOrder = new ArrayList<>();
    private final List<ReloadRecord> reloads = new ArrayList<>();
    private BiConsumer<String, String> outbox = (origin, text) -> log.info("[{}] {}", origin, text);

    public PluginHost(Vertx vertx, Supervisor supervisor, PluginsConfig config) {
        this(vertx, new SupervisedChildren(supervisor), config);
    }

    PluginHost(Vertx vertx, Children children, PluginsConfig config) {
        this.vertx = vertx;
        this.children = children;
        this.config = config;
    }

    /**
     * Scans the plugins folder and the configured external plugins, registers each with the supervisor and starts them
     * one after the other in dependency order: each waits until the one before it is ready (or has failed). Rejected
     * plugins are logged and listed by {@link #rejected()}. Completes when every plugin was given its chance.
     */
    public Future<Void> start() {
        Catalog catalog = new Catalog(HOST_VERSION);
        return vertx.executeBlocking(() -> catalog.scan(config.dir(), config.external()))
                .compose(scan -> {
                    scan.rejected().forEach(r -> log.error("plugin rejected: {}", r));
                    rejected.addAll(scan.rejected());
                    Future<Void> chain = Future.succeededFuture();
                    for (Descriptor d : scan.ordered()) {
                        PluginSlot slot = register(d);
                        chain = chain.eventually(() -> children.start(d.id()).compose(v -> slot.firstSettled()));
                    }
                    return chain;
                });
    }

    /** Where plugin broadcasts and replies to non-command events go: {@code (origin or null for everywhere, text)}. */
    public void onOutput(BiConsumer<String, String> outbox) {
        this.outbox = outbox;
    }

    /** True when a plugin registered {@code commandName} (without prefix). */
    public boolean handles(String commandName) {
        return commands.containsKey(commandName);
    }

    /**
     * Routes a command to its plugin; the replies, in order. Queued while that plugin restarts. Fails with a message
     * fit for chat when no plugin has the command, the handler threw, the queue was full or the plugin died meanwhile.
     */
    public Future<List<String>> dispatch(Command command) {
        PluginSlot slot = commands.get(command.name());
        if (slot == null) {
            return Future.failedFuture("no plugin handles " + config.commandPrefix() + command.name());
        }
        JsonObject event = new JsonObject()
                .put("kind", "command")
                .put("name", command.name())
                .put("args", new JsonArray(new ArrayList<>(command.args())))
                .put("user", command.user())
                .put("origin", command.origin())
                .put("raw", command.raw());
        return slot.send(event).compose(outcome -> {
            outcome.broadcasts().forEach(b -> outbox.accept(null, b));
            if (outcome.error() != null) {
                return Future.failedFuture(
                        slot.id() + " failed on " + config.commandPrefix() + command.name() + ": " + outcome.error());
            }
            return Future.succeededFuture(outcome.replies());
        });
    }

    /** A chat line, for every plugin that listens to chat; their replies go to {@link #onOutput} with the origin. */
    public void chat(String origin, String user, String text) {
        broadcastEvent(
                "chat",
                new JsonObject()
                        .put("kind", "chat")
                        .put("origin", origin)
                        .put("user", user)
                        .put("text", text));
    }

    /** A player joined or left, for every plugin that listens to player events. */
    public void player(String origin, String player, boolean joined) {
        broadcastEvent(
                "player",
                new JsonObject()
                        .put("kind", "player")
                        .put("origin", origin)
                        .put("player", player)
                        .put("joined", joined));
    }

    public List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>();
        for (PluginSlot s : slots.values()) {
            PluginConnection.Hello h = s.hello();
            String version = h != null && !h.version().isEmpty()
                    ? h.version()
                    : s.descriptor().version();
            List<String> names = h == null
                    ? List.of()
                    : h.commands().stream().map(c -> c.getString("name")).toList();
            out.add(new PluginInfo(
                    s.id(),
                    version,
                    s.descriptor().description(),
                    names,
                    s.descriptor().source()));
        }
        return out;
    }

    /** Every known command's usage line mapped to its help text, for {@code !help}. */
    public Map<String, String> help() {
        Map<String, String> out = new TreeMap<>();
        for (PluginSlot s : slots.values()) {
            if (s.hello() != null) {
                s.hello()
                        .commands()
                        .forEach(c -> out.put(c.getString("usage", c.getString("name")), c.getString("help", "")));
            }
        }
        return out;
    }

    /** The counters of one plugin; null for an unknown id. */
    public EventCounters counters(String pluginId) {
        PluginSlot s = slots.get(pluginId);
        return s == null ? null : s.counters();
    }

    /** Why each rejected plugin was not started, one sentence each. */
    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    /**
     * The router's counters as metric series per plugin child, for {@code MetricsService}: the lead registers it (e.g.
     * {@code metrics.register(pluginHost.series())}).
     */
    public SeriesSource series() {
        return childId -> {
            PluginSlot s = slots.get(childId);
            if (s == null) {
                return Map.of();
            }
            EventCounters c = s.counters();
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("events.delivered", (double) c.delivered());
            m.put("events.handled", (double) c.handled());
            m.put("events.failed", (double) c.failed());
            m.put("events.dropped", (double) c.dropped());
            m.put("queue.size", (double) c.queued());
            m.put("queue.wait.p99.ms", c.queueWaitP99Millis());
            m.put("latency.p50.ms", c.latencyP50Millis());
            m.put("latency.p99.ms", c.latencyP99Millis());
            c.custom().forEach((k, v) -> m.put("custom." + k, (double) v));
            return m;
        };
    }

    /**
     * Restarts the plugin's child so it runs its jar's current content. Until hot reload (blue/green) lands, events
     * that arrive meanwhile wait in the plugin's queue.
     */
    public Future<ReloadRecord> reload(String pluginId) {
        PluginSlot s = slots.get(pluginId);
        if (s == null) {
            return Future.failedFuture("no plugin " + pluginId);
        }
        Instant at = Instant.now();
        String from = s.hello() == null ? s.descriptor().version() : s.hello().version();
        return children.restart(pluginId).transform(ar -> {
            String to = s.hello() == null ? from : s.hello().version();
            ReloadRecord r = new ReloadRecord(
                    pluginId,
                    at,
                    from,
                    to,
                    ar.succeeded() ? "ok" : "failed",
                    ar.succeeded() ? null : ar.cause().getMessage(),
                    Duration.between(at, Instant.now()));
            reloads.add(0, r);
            return Future.succeededFuture(r);
        });
    }

    public Future<List<ReloadRecord>> reloads(String pluginId, int limit) {
        return Future.succeededFuture(reloads.stream()
                .filter(r -> pluginId == null || r.pluginId().equals(pluginId))
                .limit(limit)
                .toList());
    }

    /** Plugin ids in the order they first became ready (tests check dependency order with it). */
    List<String> readyOrder() {
        return List.copyOf(readyOrder);
    }

    private PluginSlot register(Descriptor d) {
        PluginSlot slot = new PluginSlot(d, config.queueCapacity(), () -> onReady(d.id()));
        slots.put(d.id(), slot);
        List<String> command = d.jar() != null ? RunnerCommand.forJar(d.jar(), config.heartbeat()) : d.command();
        Map<String, Object> section = config.config().getOrDefault(d.id(), Map.of());
        Map<String, String> env = Map.of(
                "WARDEN_PLUGIN_CONFIG",
                new JsonObject(section).encode(),
                "WARDEN_HEARTBEAT_MILLIS",
                Long.toString(config.heartbeat().toMillis()));
        children.add(new ChildSpec(
                d.id(),
                ChildKind.PLUGIN,
                command,
                null,
                env,
                Readiness.external(READY_TIMEOUT),
                STOP,
                RESTART,
                () -> new PluginConnection(vertx, slot, config.heartbeat())));
        return slot;
    }

    private void onReady(String id) {
        if (!readyOrder.contains(id)) {
            readyOrder.add(id);
        }
        PluginSlot slot = slots.get(id);
        for (JsonObject c : slot.hello().commands()) {
            PluginSlot owner = commands.putIfAbsent(c.getString("name"), slot);
            if (owner != null && owner != slot) {
                log.warn("plugin {} also registers {}; it stays with {}", id, c.getString("name"), owner.id());
            }
        }
    }

    private void broadcastEvent(String kind, JsonObject event) {
        String origin = event.getString("origin");
        for (PluginSlot s : slots.values()) {
            if (s.hello() != null && s.hello().events().contains(kind)) {
                s.send(event.copy()).onSuccess(o -> {
                    o.replies().forEach(r -> outbox.accept(origin, r));
                    o.broadcasts().forEach(b -> outbox.accept(null, b));
                });
            }
        }
    }
}
