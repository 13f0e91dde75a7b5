package warden.host.http;

import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
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
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import warden.host.Addresses;
import warden.host.chat.ChatService;
import warden.host.config.ConfigDiff;
import warden.host.config.HttpConfig;
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
 * instance was built by {@link #newVertx} with a registry, because Vert.x 5 takes its metrics factory at build time.
 */
public final class HttpApi {

    private final Vertx vertx;
    private final HttpConfig config;
    /** What a config reload may change while the host runs (thresholds); the rest of {@code config} stays. */
    private volatile HttpConfig live;

    private final Path dataDir;
    private final PrometheusMeterRegistry registry;
    private final Backend backend;
    private final Clock clock;
    private final ApiStats stats;
    private HttpServer server;
    private MessageConsumer<JsonObject> gaugeFeed;
    private long statsTimer = -1;

    /** The dashboard needs nothing from other origins, and no page of it may be framed. */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; form-action 'self'";

    private static final long SMALL_BYTES = 1024;

    /** The registry {@link #newVertx} made for each Vertx, so the host can build the API from the Vertx alone. */
    private static final Map<Vertx, PrometheusMeterRegistry> REGISTRIES =
            Collections.synchronizedMap(new WeakHashMap<>());

    /**
     * The API over the host's facades. {@code vertx} should come from {@link #newVertx}: otherwise there is no {@code
     * /metrics} and no HTTP timings. Any facade may be null: that part of the API answers 503.
     */
    public HttpApi(
            Vertx vertx,
            HttpConfig config,
            Path dataDir,
            Supervisor supervisor,
            MetricsService metrics,
            PluginHost plugins,
            ChatService chat) {
        this(
                vertx,
                config,
                dataDir,
                registryOf(vertx),
                new Facades(supervisor, metrics, plugins, chat),
                Clock.systemUTC());
    }

    HttpApi(
            Vertx vertx,
            HttpConfig config,
            Path dataDir,
            PrometheusMeterRegistry registry,
            Backend backend,
            Clock clock) {
        this.vertx = vertx;
        this.config = config;
        this.live = config;
        this.dataDir = dataDir;
        this.registry = registry;
        this.backend = backend;
        this.clock = clock;
        this.stats = new ApiStats(config.httpMetrics() ? registry : null, clock);
    }

    /**
     * Builds the host's Vertx with a Prometheus registry for {@code /metrics} and, when {@link HttpConfig#httpMetrics()}
     * (the default), the HTTP server's own metrics in it: per-route response times, requests, connections. Vert.x
     * takes its metrics factory only here, at build time.
     */
    public static Vertx newVertx(VertxOptions options, HttpConfig config) {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Wrong data is worse than none: in Vert.x 5.1.6 this gauge never comes down for static files (see ApiStats).
        registry.config().meterFilter(MeterFilter.deny(id -> id.getName().equals("vertx.http.server.active.requests")));
        Vertx vertx;
        if (config.httpMetrics()) {
            MicrometerMetricsOptions metrics = new MicrometerMetricsOptions()
                    .setEnabled(true)
                    // Vert.x keeps backends in a static map by this name; a unique one keeps two hosts in one JVM
                    // (tests) from sharing a registry.
                    .setRegistryName("warden-" + UUID.randomUUID())
                    .setPrometheusOptions(new VertxPrometheusOptions().setEnabled(true))
                    .addLabels(Label.HTTP_ROUTE)
                    // Only what R11 asks for: every other domain costs time on the event loop for each message
                    // or connection (the event bus carries every tick and output batch).
                    .addDisabledMetricsCategory(MetricsDomain.EVENT_BUS)
                    .addDisabledMetricsCategory(MetricsDomain.NET_SERVER)
                    .addDisabledMetricsCategory(MetricsDomain.NET_CLIENT)
                    .addDisabledMetricsCategory(MetricsDomain.HTTP_CLIENT)
                    .addDisabledMetricsCategory(MetricsDomain.DATAGRAM_SOCKET)
                    .addDisabledMetricsCategory(MetricsDomain.VERTICLES)
                    .setJvmMetricsEnabled(true);
            vertx = Vertx.builder()
                    .with(new VertxOptions(options).setMetricsOptions(metrics))
                    .withMetrics(new MicrometerMetricsFactory(registry))
                    .build();
        } else {
            vertx = Vertx.vertx(options);
        }
        REGISTRIES.put(vertx, registry);
        return vertx;
    }

    /** The registry {@link #newVertx} made for {@code vertx} (other capabilities may add meters); null for any other. */
    public static PrometheusMeterRegistry registryOf(Vertx vertx) {
        return REGISTRIES.get(vertx);
    }

    /** Resolves the admin token (reading or creating {@code dataDir/admin-token}) and listens; the bound port. */
    public Future<Integer> start() {
        String fromEnv = System.getenv("WARDEN_ADMIN_TOKEN");
        return vertx.executeBlocking(() -> AdminToken.resolve(config.adminToken(), fromEnv, dataDir))
                .compose(token -> {
                    if (registry != null) {
                        ChildGauges gauges = new ChildGauges(registry);
                        gaugeFeed = vertx.eventBus().consumer(Addresses.METRICS_TICK, m -> gauges.onTick(m.body()));
                    }
                    statsTimer = vertx.setPeriodic(ApiStats.EVERY.toMillis(), id -> stats.remember());
                    HttpServerOptions options = new HttpServerOptions()
                            .setHost(config.host())
                            .setPort(config.port())
                            .setCompressionSupported(true);
                    server = vertx.createHttpServer(options).requestHandler(router(token));
                    return server.listen();
                })
                .map(HttpServer::actualPort);
    }

    public Future<Void> stop() {
        if (gaugeFeed != null) {
            gaugeFeed.unregister();
        }
        vertx.cancelTimer(statsTimer);
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

        if (registry != null) {
            var scrape = root.get("/metrics");
            if (!config.metricsPublic()) {
                scrape.handler(guard::api);
            }
            scrape.handler(PrometheusScrapingHandler.create(registry));
        }

        root.route()
                .handler(SessionHandler.create(LocalSessionStore.create(vertx))
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

        ApiRouter.mount(root, vertx, guard, backend, () -> live, stats, clock);

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
