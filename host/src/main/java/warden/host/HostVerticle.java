package warden.host;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import warden.host.config.ServiceConfig;
import warden.host.config.WardenConfig;
import warden.host.storage.Database;
import warden.host.supervisor.Supervisor;

/**
 * The host context: the one event loop every capability facade is created on and confined to. On start it builds the
 * facades in dependency order (supervisor, metrics, plugins, chat, http), registers the configured services and
 * starts them; on stop it takes them down in reverse, ending with every child process.
 *
 * <p>The facades are fields so that {@link Warden} can hand them to tests and to whoever embeds the host; read them
 * only on this verticle's context.
 */
final class HostVerticle extends VerticleBase {

    private final WardenConfig config;
    private final Database db;

    Supervisor supervisor;
    // metrics: MetricsService metrics;   (lead: fields for the other facades go here, in dependency order)
    // plugins: PluginHost plugins;
    // chat:    ChatService chat;
    // http:    the listener, for its actual port

    HostVerticle(WardenConfig config, Database db) {
        this.config = config;
        this.db = db;
    }

    @Override
    public Future<?> start() {
        // 1. supervisor. Stub until the supervisor branch lands; then:
        //    supervisor = new Supervisor(vertx, db, config.data(), Clock.systemUTC());
        supervisor = new Supervisor();
        for (ServiceConfig service : config.services()) {
            supervisor.add(ChildSpecs.of(service));
        }
        // 2. metrics: metrics = new MetricsService(vertx, db, config.metrics(), supervisor); metrics.start();
        // 3. plugins: plugins = new PluginHost(vertx, db, config.plugins(), supervisor, metrics);
        //             (registers the plugin children with the supervisor before startAll below)
        // 4. chat:    chat = new ChatService(vertx, db, config.chat(), supervisor, metrics, plugins);
        // 5. http:    return supervisor.startAll().compose(v -> HttpServer... listen(config.http()))
        return supervisor.startAll();
    }

    @Override
    public Future<?> stop() {
        // Reverse order: http, chat, plugins and metrics stop first (lead: close them here), then every child.
        // The bound is a safety net: the supervisor kills what is left after its own budget; this only makes sure
        // the host itself never waits forever.
        return supervisor.stopAll().timeout(stopBudget(config).toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Long enough for every service's stop command and SIGTERM to run their course one after the other. */
    static Duration stopBudget(WardenConfig config) {
        Duration budget = Duration.ofSeconds(10);
        for (ServiceConfig s : config.services()) {
            budget = budget.plus(s.stop().timeout().multipliedBy(2));
        }
        return budget;
    }

    Context hostContext() {
        return context;
    }

    /** Where the dashboard answers. Lead: take the actual port from the http listener once it exists (port 0). */
    String dashboardUrl() {
        return "http://" + config.http().host() + ":" + config.http().port() + "/";
    }
}
