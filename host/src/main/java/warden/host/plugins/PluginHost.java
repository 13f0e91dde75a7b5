package warden.host.plugins;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.Addresses;
import warden.host.config.PluginsConfig;
import warden.host.metrics.SeriesSource;
import warden.host.storage.Database;
import warden.host.supervisor.ChildSpec;
import warden.host.supervisor.Supervisor;

/**
 * Discovers plugin jars, runs each plugin as a supervised child JVM and routes chat commands and events to them.
 *
 * <p>A plugin's first child is the supervisor child with the plugin's id; each reload starts the new version as child
 * {@code <id>.r<n>} beside the old one (see {@link #pluginOf}). Commands are known from a plugin's hello; once known, a
 * command keeps routing to its plugin while that plugin restarts or reloads, waiting in the plugin's bounded queue when
 * no child is ready. Counters belong to the plugin id and survive restarts and reloads.
 *
 * <p>Confined to the host context.
 */
public final class PluginHost {

    public static final String HOST_VERSION = "0.1.0";
    static final Duration WATCH_INTERVAL = Duration.ofMillis(500);

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    private final Vertx vertx;
    private final Children children;
    private final PluginsConfig config;
    private final Catalog catalog = new Catalog(HOST_VERSION);
    private final Staging staging;
    private final RunnerArchive archive;
    private Future<Void> archiveBuild = Future.succeededFuture();
    private final Reloader reloader;
    private final ReloadLog reloadLog;
    private final JarWatcher watcher;
    private final Map<String, PluginSlot> slots = new LinkedHashMap<>();
    private final Map<String, PluginSlot> commands = new TreeMap<>();
    private final List<String> rejected = new ArrayList<>();
    private final List<String> readyOrder = new ArrayList<>();
    // Test hooks: a plugin became ready; the watcher's verdict on a jar was acted on.
    java.util.function.Consumer<String> readyHook = id -> {};
    java.util.function.Consumer<JarWatcher.Change> watchHook = c -> {};
    private BiConsumer<String, String> outbox = (origin, text) -> log.info("[{}] {}", origin, text);

    /**
     * @param db keeps reload records ({@code plugin_reloads}) across host restarts
     * @param dataDir where the copies of plugin jars that children run are kept ({@code plugin-staging/})
     */
    public PluginHost(Vertx vertx, Supervisor supervisor, Database db, PluginsConfig config, Path dataDir) {
        this(
                vertx,
                new SupervisedChildren(supervisor),
                db,
                config,
                dataDir.resolve("plugin-staging"),
                WATCH_INTERVAL,
                Clock.systemUTC());
    }

    /** {@code db} may be null: reload records are then kept in memory only. */
    PluginHost(
            Vertx vertx,
            Children children,
            Database db,
            PluginsConfig config,
            Path stagingDir,
            Duration watchInterval,
            Clock clock) {
        this.vertx = vertx;
        this.children = children;
        this.config = config;
        this.staging = new Staging(stagingDir, catalog);
        this.archive = RunnerArchive.in(stagingDir.resolveSibling("plugin-cds"), RunnerCommand.classPath());
        this.reloadLog = db == null ? null : new ReloadLog(db);
        this.reloader = new Reloader(vertx, children, clock, ChildSpecs.READY_TIMEOUT, this::spawn, reloadLog);
        this.watcher = new JarWatcher(vertx, config.dir(), watchInterval, staging, this::onJarChange);
    }

    /**
     * Scans the plugins folder and the configured external plugins, registers each with the supervisor and starts them
     * one after the other in dependency order: each waits until the one before it is ready (or has failed). Rejected
     * plugins are logged and listed by {@link #rejected()}. Completes when every plugin was given its chance; then, if
     * {@code plugins.watch} is on, the folder is watched for added, changed and removed jars.
     */
    public Future<Void> start() {
        // Game events come from the chat capability (it parses the game server's output) over the bus.
        vertx.eventBus()
                .<JsonObject>localConsumer(
                        Addresses.GAME_PLAYER,
                        m -> player(
                                "game:" + m.body().getString("childId"),
                                m.body().getString("player"),
                                "join".equals(m.body().getString("event"))));
        Future<Void> schema = reloadLog == null ? Future.succeededFuture() : reloadLog.init();
        return schema.compose(v -> vertx.executeBlocking(() -> stageAll(catalog.scan(config.dir(), config.external()))))
                .compose(scan -> {
                    scan.rejected().forEach(r -> log.error("plugin rejected: {}", r));
                    rejected.addAll(scan.rejected());
                    List<Descriptor> ordered = scan.ordered();
                    Future<Void> chain = Future.succeededFuture();
                    for (Descriptor d : ordered) {
                        PluginSlot slot = register(d);
                        chain = chain.eventually(() -> children.start(d.id()).compose(v -> slot.firstSettled()));
                    }
                    return chain.onComplete(ar -> {
                        // Off the start-up path: the children spawned from now on start faster.
                        ordered.stream()
                                .filter(d -> d.jar() != null)
                                .findFirst()
                                .ifPresent(d ->
                                        archiveBuild = archive.build(vertx, d.staged() != null ? d.staged() : d.jar()));
                        if (config.watch()) {
                            Map<Path, String> running = new HashMap<>();
                            slots.values().stream()
                                    .filter(s -> s.descriptor().jar() != null)
                                    .forEach(s -> running.put(
                                            s.descriptor().jar(), s.descriptor().sha256()));
                            watcher.start(running);
                        }
                    });
                });
    }

    /** Stops watching the plugins folder. The children themselves are stopped by the supervisor. */
    public void stop() {
        watcher.stop();
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
        return slot.send(Events.command(command)).compose(outcome -> {
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
        broadcastEvent("chat", Events.chat(origin, user, text));
    }

    /** A player joined or left, for every plugin that listens to player events. */
    public void player(String origin, String player, boolean joined) {
        broadcastEvent("player", Events.player(origin, player, joined));
    }

    public List<PluginInfo> plugins() {
        List<PluginInfo> out = new ArrayList<>();
        for (PluginSlot s : slots.values()) {
            PluginConnection.Hello h = s.hello();
            List<String> names = h == null
                    ? List.of()
                    : h.commands().stream().map(c -> c.getString("name")).toList();
            Descriptor d = s.descriptor();
            String version = d.version().isEmpty() && h != null ? h.version() : d.version();
            out.add(new PluginInfo(s.id(), version, d.description(), names, d.source()));
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

    /** Why each rejected plugin or jar was not started, one sentence each, oldest first. */
    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    /**
     * The supervisor child that currently serves {@code pluginId}: {@code dice-roller}, or {@code dice-roller.r2} after
     * two reloads. What {@code !restart <plugin>} and the API must pass to the supervisor. Null for an unknown plugin.
     */
    public String childOf(String pluginId) {
        PluginSlot s = slots.get(pluginId);
        return s == null ? null : childId(pluginId, s.liveGeneration());
    }

    /** The plugin id a supervisor child belongs to ({@code dice-roller.r3} belongs to {@code dice-roller}); else null. */
    public String pluginOf(String childId) {
        if (slots.containsKey(childId)) {
            return childId;
        }
        String id = ChildSpecs.pluginId(childId);
        return slots.containsKey(id) ? id : null;
    }

    /**
     * The router's counters as metric series per plugin child (any generation maps to its plugin), for {@code
     * MetricsService}: the lead registers it.
     */
    public SeriesSource series() {
        return childId -> {
            String id = pluginOf(childId);
            return id == null ? Map.of() : slots.get(id).series();
        };
    }

    /**
     * Replaces a running plugin with its jar's current content (blue/green): the new version starts beside the old,
     * takes all new events once ready, and the old one stops after answering what it holds. A new version that fails
     * to start leaves the old one serving. The future never fails; the record says what happened.
     */
    public Future<ReloadRecord> reload(String pluginId) {
        PluginSlot s = slots.get(pluginId);
        if (s == null) {
            return Future.failedFuture("no plugin " + pluginId);
        }
        Path jar = s.descriptor().jar();
        if (jar == null) {
            return reloader.reload(s, Future.succeededFuture(s.descriptor()));
        }
        return reloader.reload(s, vertx.executeBlocking(() -> staging.stage(jar)));
    }

    /** Reload records, newest first; all plugins when {@code pluginId} is null. */
    public Future<List<ReloadRecord>> reloads(String pluginId, int limit) {
        return reloader.records(pluginId, limit);
    }

    /** Completes when the background build of the runner's class-data archive has ended (benchmarks wait on it). */
    Future<Void> archiveBuild() {
        return archiveBuild;
    }

    /** Plugin ids in the order they first became ready (tests check dependency order with it). */
    List<String> readyOrder() {
        return List.copyOf(readyOrder);
    }

    static String childId(String pluginId, int generation) {
        return ChildSpecs.childId(pluginId, generation);
    }

    // On a worker thread: touches no host state.
    private Catalog.Scan stageAll(Catalog.Scan scan) {
        List<Descriptor> staged = new ArrayList<>();
        List<String> problems = new ArrayList<>(scan.rejected());
        for (Descriptor d : scan.ordered()) {
            try {
                staged.add(d.jar() == null ? d : staging.stage(d.jar()));
            } catch (java.io.IOException | RuntimeException e) {
                problems.add(d.jar() + ": cannot stage (" + e.getMessage() + ")");
            }
        }
        return new Catalog.Scan(staged, problems);
    }

    private PluginSlot register(Descriptor d) {
        PluginSlot slot = new PluginSlot(d, config.queueCapacity(), () -> onReady(d.id()));
        slots.put(d.id(), slot);
        spawnSpec(slot, d, 0);
        return slot;
    }

    private String spawn(PluginSlot slot, Descriptor d, int generation) {
        String child = spawnSpec(slot, d, generation);
        children.start(child);
        return child;
    }

    private String spawnSpec(PluginSlot slot, Descriptor d, int generation) {
        ChildSpec spec = ChildSpecs.forPlugin(vertx, config, slot, d, generation, archive.flags());
        children.add(spec);
        return spec.id();
    }

    private void onReady(String id) {
        if (!readyOrder.contains(id)) {
            readyOrder.add(id);
        }
        PluginSlot slot = slots.get(id);
        // A new version may have dropped or added commands.
        commands.values().removeIf(owner -> owner == slot);
        for (JsonObject c : slot.hello().commands()) {
            PluginSlot owner = commands.putIfAbsent(c.getString("name"), slot);
            if (owner != null && owner != slot) {
                log.warn("plugin {} also registers {}; it stays with {}", id, c.getString("name"), owner.id());
            }
        }
        readyHook.accept(id);
    }

    private void onJarChange(JarWatcher.Change change) {
        act(change);
        watchHook.accept(change);
    }

    private void act(JarWatcher.Change change) {
        PluginSlot byJar = slots.values().stream()
                .filter(s -> change.jar().equals(s.descriptor().jar()))
                .findFirst()
                .orElse(null);
        if (change.staged() == null && change.error() == null) {
            if (byJar != null) {
                remove(byJar);
            }
        } else if (change.error() != null) {
            if (byJar != null) {
                reloader.failed(byJar, null, change.jar() + ": " + change.error());
            } else {
                log.error("plugin rejected: {}: {}", change.jar(), change.error());
                rejected.add(change.jar() + ": " + change.error());
            }
        } else if (byJar != null) {
            reloader.reload(byJar, Future.succeededFuture(change.staged()));
        } else if (slots.containsKey(change.staged().id())) {
            String why =
                    change.jar() + ": duplicate plugin id " + change.staged().id();
            log.error("plugin rejected: {}", why);
            rejected.add(why);
        } else {
            Descriptor d = change.staged();
            log.info("plugin {} {} added from {}", d.id(), d.version(), d.jar());
            register(d);
            children.start(d.id());
        }
    }

    private void remove(PluginSlot slot) {
        log.info(
                "plugin {} removed: its jar {} is gone",
                slot.id(),
                slot.descriptor().jar());
        slots.remove(slot.id());
        commands.values().removeIf(owner -> owner == slot);
        slot.drop("plugin " + slot.id() + " was removed");
        children.remove(childId(slot.id(), slot.liveGeneration()));
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
