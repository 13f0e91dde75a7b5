package warden.host;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.alerts.AlertService;
import warden.host.chat.ChatService;
import warden.host.config.ServiceConfig;
import warden.host.config.WardenConfig;
import warden.host.export.Exporter;
import warden.host.http.HttpApi;
import warden.host.metrics.MetricsService;
import warden.host.metrics.ThresholdStore;
import warden.host.plugins.PluginHost;
import warden.host.storage.DataDirLock;
import warden.host.storage.Database;
import warden.host.supervisor.Supervisor;

/**
 * The host context: the one event loop every capability facade is created on and confined to. On start it builds the
 * supervisor and starts the configured services (the game whose chat is read once the chat listens), then builds the
 * other facades in dependency order (metrics, plugins, alerts, chat, export, http) and starts them; on stop it takes
 * them down in reverse, ending with every child process.
 *
 * <p>The facades are fields so that {@link Warden} can hand them to tests and to whoever embeds the host; read them
 * only on this verticle's context.
 */
final class HostVerticle extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(HostVerticle.class);

    private final WardenConfig config;
    private final Database db;
    private final DataDirLock lock;
    private final Warden.ConfigSource source;

    Supervisor supervisor;
    MetricsService metrics;
    PluginHost plugins;
    AlertService alerts;
    ChatService chat;
    Exporter export;
    HttpApi http;
    Reconfigure reconfigure;

    HostVerticle(WardenConfig config, Database db, Warden.ConfigSource source, DataDirLock lock) {
        this.config = config;
        this.db = db;
        this.source = source;
        this.lock = lock;
    }

    @Override
    public Future<?> start() {
        Future<Void> started;
        try {
            wireSupervisor();
            // The services first, as soon as the supervisor exists: the launcher thread spawns them while this one
            // builds the rest (issue 16: the start of 100 children overlaps the wiring). All but the game
            // whose chat the host reads: what it prints in its first second (players joining) must not be lost, so
            // it starts once the game chat listens. A service that cannot be spawned is a crash the supervisor
            // records and retries; the host stays up so the dashboard can show it.
            String game = config.chat().game().enabled() ? config.chat().game().childId() : null;
            Future<Void> services = supervisor.startAll(id -> !id.equals(game));
            wire();
            Future<Void> gameStarted = chat.listen().compose(v -> supervisor.startAll(id -> id.equals(game)));
            started = Future.join(services, gameStarted)
                    .<Void>mapEmpty()
                    .recover(e -> {
                        LOG.warn("not every service could be started: {}", e.toString());
                        return Future.succeededFuture();
                    })
                    .compose(v -> metrics.start())
                    .compose(v -> plugins.start())
                    .compose(v -> alerts.start())
                    .compose(v -> chat.start())
                    .compose(v -> export.start())
                    // A port already taken fails the start: better than a host nobody can reach.
                    .compose(v -> http.start().mapEmpty());
        } catch (RuntimeException e) {
            started = Future.failedFuture(e);
        }
        // Whatever was created goes down again: a failed start leaves no thread or child behind.
        return started.recover(e -> takeDown().transform(ignored -> Future.failedFuture(e)));
    }

    /** The supervisor, with every configured service registered; nothing runs yet. */
    private void wireSupervisor() {
        Supervisor.Options defaults = Supervisor.Options.DEFAULT;
        supervisor = new Supervisor(
                vertx,
                db,
                lock,
                Clock.systemUTC(),
                new Supervisor.Options(
                        defaults.tailLines(),
                        defaults.maxLineChars(),
                        defaults.logFileBytes(),
                        defaults.logFiles(),
                        defaults.queueLines(),
                        childrenStopBudget(config),
                        config.storage().keepPerChild()));
        for (ServiceConfig service : config.services()) {
            supervisor.add(ChildSpecs.of(service));
        }
    }

    /** Creates the other facades in dependency order, over the supervisor; none of them runs yet. */
    private void wire() {
        // 2. metrics: samples whatever the supervisor runs, at every tick
        metrics = new MetricsService(vertx, config.metrics(), db, Clock.systemUTC(), supervisor::children);
        metrics.thresholds(
                new ThresholdStore(db, config.http().thresholds(), config.http().childThresholds()));
        // Lines a child's output limit dropped, as a series once there are any (most children never have one).
        Supervisor sup = supervisor;
        metrics.addSource(id -> {
            long dropped = sup.outputDropped(id);
            return dropped == 0 ? java.util.Map.of() : java.util.Map.of("output.dropped", (double) dropped);
        });
        // 3. plugins (they register their children with the supervisor in plugins.start()); a reload runs the new
        // version as the next generation of the same child, so its samples stay under the plugin's id.
        plugins = new PluginHost(vertx, supervisor, db, config.plugins(), config.data());
        metrics.addSource(plugins.series());
        // 4. alerts: rules over the ticks and events above; chat and http reach it, it reaches chat through a sink
        alerts = new AlertService(
                vertx,
                db,
                config.alerts(),
                Clock.systemUTC(),
                supervisor::children,
                (id, n) -> supervisor.tail(id, n).stream().map(l -> l.text()).toList(),
                System.getenv());
        // 5. chat: admin commands, connectors, players (it registers its own series and plugin outbox)
        chat = new ChatService(vertx, supervisor, metrics, plugins, alerts, db, config.chat(), config.plugins());
        alerts.chatSink(chat::deliver);
        // 6. export: the Prometheus scrape and the InfluxDB push, over the ticks, the status and the plugins' timings
        export = new Exporter(vertx, config.export(), supervisor::children, System.getenv());
        plugins.timings(export.timings());
        // 7. http: the API, dashboard and /metrics over all of the above (listens in start(), after the children)
        http = new HttpApi(vertx, config.http(), config.data(), export, supervisor, metrics, plugins, chat);
        http.alerts(alerts);
        // 8. config reload: the file again, applied as a difference over the supervisor and the live settings
        reconfigure = new Reconfigure(vertx, supervisor, http, alerts, source, config);
        http.reloadWith(reconfigure::reload);
    }

    @Override
    public Future<?> stop() {
        // The bound is a safety net: the supervisor kills what is left after its own budget; this only makes sure
        // the host itself never waits forever.
        return takeDown().timeout(stopBudget(config).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Reverse order of {@link #wire}: http, export, chat, metrics (lead: close them here), plugins, then every child. */
    private Future<Void> takeDown() {
        Future<Void> httpStopped = http == null ? Future.succeededFuture() : http.stop();
        return httpStopped
                .eventually(() -> export == null ? Future.succeededFuture() : export.stop())
                .eventually(() -> chat == null ? Future.succeededFuture() : chat.stop())
                .eventually(() -> alerts == null ? Future.succeededFuture() : alerts.stop())
                .eventually(() -> metrics == null ? Future.succeededFuture() : metrics.stop())
                .eventually(() -> {
                    if (plugins != null) {
                        plugins.stop();
                    }
                    return supervisor == null ? Future.succeededFuture() : supervisor.close();
                });
    }

    /**
     * How long the supervisor lets children take to stop before it SIGKILLs the rest. Children stop side by side, so
     * the slowest service counts: its stop command, then SIGTERM, each waited for {@code stop.timeout}. Never less
     * than the supervisor's default, which covers plugins.
     */
    static Duration childrenStopBudget(WardenConfig config) {
        Duration budget = Supervisor.Options.DEFAULT.stopAllTimeout();
        for (ServiceConfig s : config.services()) {
            Duration service = s.stop().timeout().multipliedBy(2).plusSeconds(5);
            budget = service.compareTo(budget) > 0 ? service : budget;
        }
        return budget;
    }

    /** The whole stop: the children's budget plus time for the supervisor to close its files and threads. */
    static Duration stopBudget(WardenConfig config) {
        return childrenStopBudget(config).plusSeconds(5);
    }

    Context hostContext() {
        return context;
    }

    /** Where the dashboard answers, with the port actually bound (the config may say 0). */
    String dashboardUrl() {
        int port = http != null && http.port() > 0 ? http.port() : config.http().port();
        return "http://" + config.http().host() + ":" + port + "/";
    }
}
