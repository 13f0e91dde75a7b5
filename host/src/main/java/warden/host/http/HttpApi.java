package warden.host.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.SessionHandler;
import io.vertx.ext.web.handler.StaticHandler;
import io.vertx.ext.web.sstore.LocalSessionStore;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import warden.host.alerts.AlertService;
import warden.host.bus.Addresses;
import warden.host.chat.ChatService;
import warden.host.config.ConfigDiff;
import warden.host.config.HttpConfig;
import warden.host.export.Exporter;
import warden.host.metrics.MetricsService;
import warden.host.plugins.PluginHost;
import warden.host.supervisor.Supervisor;

/**
 * The REST API, the live dashboard and the Prometheus scrape, on one listener (127.0.0.1:8080 by default).
 *
 * <p>Every route but {@code /login} needs the admin token: as a Bearer header, or through the session cookie the login
 * page sets. {@code /metrics} needs the Bearer header too unless {@link HttpConfig#metricsPublic()}.
 *
 * <p>Confined to the host context: construct and {@link #start} it there. The HTTP timings exist only when the Vertx
 * instance was built by {@link Exporter#newVertx}, because Vert.x 5 takes its metrics factory at build time.
 */
public final class HttpApi {

    private final Vertx vertx;
    private final HttpConfig config;
    /** What a config reload may change while the host runs (thresholds); the rest of {@code config} stays. */
    private volatile HttpConfig live;

    private final Path dataDir;
    private final Exporter exporter;
    private final Backend backend;
    private final Clock clock;
    private final ApiStats stats;
    private AlertService alerts;
    private HttpServer server;
    private long statsTimer = -1;
    private long statsAt = -1;
    private MessageConsumer<JsonObject> statsTicks;

    /** The dashboard needs nothing from other origins, and no page of it may be framed. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

    private static final long SMALL_BYTES = 1024;

    /**
     * The API over the host's facades. {@code exporter} serves {@code /metrics} and holds the HTTP timings (which
     * exist when {@code vertx} came from {@link Exporter#newVertx}); without it there is neither. Any facade may be
     * null: that part of the API answers 503.
     */
    public HttpApi(
            Vertx vertx,
            HttpConfig config,
            Path dataDir,
            Exporter exporter,
            Supervisor supervisor,
            MetricsService metrics,
            PluginHost plugins,
            ChatService chat) {
        this(vertx, config, dataDir, exporter, new Facades(supervisor, metrics, plugins, chat), Clock.systemUTC());
    }

    HttpApi(Vertx vertx, HttpConfig config, Path dataDir, Exporter exporter, Backend backend, Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.live = config;
        this.dataDir = dataDir;
        this.exporter = exporter;
        this.backend = backend;
        this.clock = clock;
        this.stats = new ApiStats(config.httpMetrics() && exporter != null ? exporter.registry() : null, clock);
    }

    /** The alerts the API serves under {@code /api/v1/alerts}; before {@link #start}. Without: those answer 503. */
    public void alerts(AlertService alerts) {
        this.alerts = alerts;
    }

    /** Resolves the admin token (reading or creating {@code dataDir/admin-token}) and listens; the bound port. */
    public Future<Integer> start() {
        String fromEnv = System.getenv("WARDEN_ADMIN_TOKEN");
        return vertx.executeBlocking(() -> AdminToken.resolve(config.adminToken(), fromEnv, dataDir))
                .compose(token -> {
                    // On the metrics tick rather than a timer of its own: one wake-up of the idle host per tick.
                    // With sampling off there are no ticks, and a timer does it.
                    statsTicks = vertx.eventBus().consumer(Addresses.METRICS_TICK, m -> rememberStats());
                    statsTimer = vertx.setTimer(2 * ApiStats.EVERY.toMillis(), id -> {
                        if (statsAt < 0) {
                            statsTimer = vertx.setPeriodic(ApiStats.EVERY.toMillis(), t -> rememberStats());
                        }
                    });
                    HttpServerOptions options = new HttpServerOptions()
                            .setHost(config.host())
                            .setPort(config.port())
                            .setCompressionSupported(true);
                    server = vertx.createHttpServer(options).requestHandler(router(token));
                    return server.listen();
                })
                .map(HttpServer::actualPort);
    }

    /** At most once per {@link ApiStats#EVERY}, however often the metrics tick. */
    private void rememberStats() {
        long now = clock.millis();
        if (statsAt < 0 || now - statsAt >= ApiStats.EVERY.toMillis() - 100) {
            statsAt = now;
            stats.remember();
        }
    }

    public Future<Void> stop() {
        vertx.cancelTimer(statsTimer);
        if (statsTicks != null) {
            statsTicks.unregister();
        }
        return server == null ? Future.succeededFuture() : server.close();
    }

    /** Takes over the settings of {@code next} that apply live ({@code ConfigDiff.LIVE}); the listener stays. */
    public void settingsChanged(HttpConfig next) {
        live = new HttpConfig(
                config.host(),
                config.port(),
                config.adminToken(),
                config.metricsPublic(),
                config.httpMetrics(),
                next.thresholds(),
                next.childThresholds());
        try {
            backend.thresholds().configChanged(next.thresholds(), next.childThresholds());
        } catch (Backend.Unavailable metricsOff) {
            // No store: the children's list reads the config's bands directly.
        }
    }

    /** How {@code POST /api/v1/config/reload} reaches the host's wiring; without it the route answers 503. */
    public void reloadWith(Supplier<Future<ConfigDiff>> reload) {
        if (backend instanceof Facades facades) {
            facades.reloadWith(reload);
        }
    }

    public int port() {
        return server == null ? -1 : server.actualPort();
    }

    private static void securityHeaders(io.vertx.ext.web.RoutingContext ctx) {
        ctx.response()
                .putHeader("Content-Security-Policy", CSP)
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("X-Frame-Options", "DENY")
                .putHeader("Referrer-Policy", "no-referrer");
        // Small answers gain nothing from gzip and would pay for a deflater each. (Vert.x's size threshold is no
        // help: with it set, files sent with sendFile are never compressed.)
        ctx.addHeadersEndHandler(v -> {
            String length = ctx.response().headers().get("Content-Length");
            if (length != null && Long.parseLong(length) < SMALL_BYTES) {
                ctx.response().putHeader("Content-Encoding", "identity");
            }
        });
        ctx.next();
    }

    private Router router(AdminToken token) {
        Guard guard = new Guard(token);
        LoginHandler login = new LoginHandler(token, new LoginLimiter(clock, 5, Duration.ofMinutes(5)));
        Router root = Router.router(vertx);
        root.route().handler(HttpApi::securityHeaders);

        if (exporter != null && exporter.prometheus()) {
            var scrape = root.get("/metrics");
            if (!config.metricsPublic()) {
                scrape.handler(guard::api);
            }
            scrape.handler(exporter.scrape());
        }

        // Sessions last 12 h; the store's reaper, once a second by default, looks for expired ones once a minute, so
        // the idle host is not woken for it.
        LocalSessionStore sessions = LocalSessionStore.create(
                vertx,
                LocalSessionStore.DEFAULT_SESSION_MAP_NAME,
                Duration.ofMinutes(1).toMillis());
        root.route()
                .handler(SessionHandler.create(sessions)
                        .setSessionCookieName("warden_session")
                        .setCookieHttpOnlyFlag(true)
                        .setCookieSameSite(CookieSameSite.STRICT)
                        .setSessionTimeout(Duration.ofHours(12).toMillis())
                        .setLazySession(true));
        root.get("/login").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "text/html; charset=utf-8")
                .sendFile("warden-dashboard/login.html"));
        root.post("/login").handler(BodyHandler.create().setBodyLimit(4096)).handler(login::login);
        root.post("/logout").handler(guard::api).handler(login::logout);

        ApiRouter.mount(root, vertx, guard, backend, () -> live, stats, clock, alerts);

        root.route().handler(guard::page);
        root.route("/webjars/*")
                .handler(StaticHandler.create("META-INF/resources/webjars")
                        .setMaxAgeSeconds(Duration.ofDays(30).toSeconds()));
        // Named, so the HTTP metrics group the dashboard's files under one label instead of ApiStats.OTHER.
        root.route()
                .setName("/ (dashboard files)")
                .handler(StaticHandler.create("warden-dashboard").setMaxAgeSeconds(0));
        return root;
    }
}
