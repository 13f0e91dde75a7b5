package warden.host.plugins;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import warden.host.config.PluginsConfig;
import warden.host.metrics.SeriesSource;
import warden.host.storage.Database;
import warden.host.supervisor.Supervisor;
import warden.protocol.Event;
import warden.protocol.Protocol;

/**
 * Discovers plugin jars, runs each plugin as a supervised child JVM and routes chat commands and events to them.
 *
 * <p>A plugin is one supervisor child with the plugin's id for its whole life; a reload starts the new version as the
 * next generation of that child, beside the old one, and the child's status then names the generation and version.
 * Commands are known from a plugin's hello; once known, a
 * command keeps routing to its plugin while that plugin restarts or reloads, waiting in the plugin's bounded queue when
 * no child is ready. Counters belong to the plugin id and survive restarts and reloads.
 *
 * <p>Confined to the host context.
 */
public final class PluginHost {

    static final Duration WATCH_INTERVAL = Duration.ofMillis(500);

    private final Vertx vertx;
    private final Staging staging;
    private final ReloadLog reloadLog;
    private final Router router;
    private final Registrar registrar;
    private final Reloader reloader;
    private final Startup startup;
    private final JarWatcher watcher;
    private final List<String> rejected = new ArrayList<>();
    // Test hooks: a plugin became ready; the watcher's verdict on a jar was acted on.
    java.util.function.Consumer<String> readyHook = id -> {};
    java.util.function.Consumer<JarWatcher.Change> watchHook = c -> {};

    /**
     * @param db keeps reload records ({@code plugin_reloads}) across host restarts
     * @param dataDir where the copies of plugin jars that children run are kept ({@code plugin-staging/})
     */
    public PluginHost(Vertx vertx, Supervisor supervisor, Database db, PluginsConfig config, Path dataDir) {
        this(vertx, supervisor, db, config, dataDir.resolve("plugin-staging"), WATCH_INTERVAL, Clock.systemUTC());
    }

    /** {@code db} may be null: reload records are then kept in memory only. */
    PluginHost(
            Vertx vertx,
            Supervisor supervisor,
            Database db,
            PluginsConfig config,
            Path stagingDir,
            Duration watchInterval,
            Clock clock) {
        Catalog catalog = new Catalog(Protocol.HOST_VERSION);
        RunnerArchive archive = RunnerArchive.in(stagingDir.resolveSibling("plugin-cds"), RunnerCommand.classPath());
        this.vertx = vertx;
        this.staging = new Staging(stagingDir, catalog);
        this.reloadLog = db == null ? null : new ReloadLog(db);
        this.router = new Router(config.commandPrefix());
        this.registrar = new Registrar(vertx, config, supervisor, archive, router, id -> {
            router.ready(id);
            readyHook.accept(id);
        });
        this.reloader = new Reloader(vertx, supervisor, clock, ChildSpecs.READY_TIMEOUT, registrar::replace, reloadLog);
        JarChanges jarChanges = new JarChanges(router, reloader, supervisor, rejected::add, registrar::register);
        this.watcher = new JarWatcher(vertx, config.dir(), watchInterval, staging, change -> {
            jarChanges.act(change);
            watchHook.accept(change);
        });
        this.startup = new Startup(vertx, config, catalog, staging, supervisor, archive, router, watcher);
    }

    /**
     * Scans the plugins folder and the configured external plugins, registers each with the supervisor and starts them
     * one after the other in dependency order: each waits until the one before it is ready (or has failed). Rejected
     * plugins are logged and listed by {@link #rejected()}. Completes when every plugin was given its chance; then, if
     * {@code plugins.watch} is on, the folder is watched for added, changed and removed jars.
     */
    public Future<Void> start() {
        router.followGamePlayers(vertx.eventBus());
        return startup.run(registrar::register, rejected::add);
    }

    /** Stops watching the plugins folder. The children themselves are stopped by the supervisor. */
    public void stop() {
        watcher.stop();
    }

    /** Where plugin broadcasts and replies to non-command events go: {@code (origin or null for everywhere, text)}. */
    public void onOutput(BiConsumer<String, String> outbox) {
        router.onOutput(outbox);
    }

    /** True when a plugin registered {@code commandName} (without prefix). */
    public boolean handles(String commandName) {
        return router.handles(commandName);
    }

    /**
     * Routes a command to its plugin; the replies, in order. Queued while that plugin restarts. Fails with a message
     * fit for chat when no plugin has the command, the handler threw, the queue was full or the plugin died meanwhile.
     */
    public Future<List<String>> dispatch(Command command) {
        return router.dispatch(command);
    }

    /** A chat line, for every plugin that listens to chat; their replies go to {@link #onOutput} with the origin. */
    public void chat(String origin, String user, String text) {
        router.broadcast(new Event.Chat(origin, user, text));
    }

    /** A player joined or left, for every plugin that listens to player events. */
    public void player(String origin, String player, boolean joined) {
        router.broadcast(new Event.Player(origin, player, joined));
    }

    public List<PluginInfo> plugins() {
        return router.plugins();
    }

    /** Every known command's usage line mapped to its help text, for {@code !help}. */
    public Map<String, String> help() {
        return router.help();
    }

    /** The counters of one plugin; null for an unknown id. */
    public EventCounters counters(String pluginId) {
        PluginSlot s = router.slot(pluginId);
        return s == null ? null : s.counters();
    }

    /** Why each rejected plugin or jar was not started, one sentence each, oldest first. */
    public List<String> rejected() {
        return List.copyOf(rejected);
    }

    /** The plugin a supervisor child is (the same id); null for a child that is no plugin. */
    public String pluginOf(String childId) {
        return router.pluginOf(childId);
    }

    /** Where every event's timings go from now on, for the export's timers; replaces the previous sink. */
    public void timings(EventTimings sink) {
        router.timings(sink);
    }

    /**
     * The router's counters as metric series per plugin child, for {@code
     * MetricsService}: the lead registers it.
     */
    public SeriesSource series() {
        return router.series();
    }

    /**
     * Replaces a running plugin with its jar's current content (blue/green): the new version starts beside the old,
     * takes all new events once ready, and the old one stops after answering what it holds. A new version that fails
     * to start leaves the old one serving. The future never fails; the record says what happened.
     */
    public Future<ReloadRecord> reload(String pluginId) {
        PluginSlot s = router.slot(pluginId);
        if (s == null) {
            return Future.failedFuture(new java.util.NoSuchElementException("no plugin '" + pluginId + "'"));
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
        return startup.archiveBuild();
    }

    /** Plugin ids in the order they first became ready (tests check dependency order with it). */
    List<String> readyOrder() {
        return router.readyOrder();
    }
}
