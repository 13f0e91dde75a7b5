package warden.host.export;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.Label;
import io.vertx.micrometer.MetricsDomain;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.micrometer.PrometheusScrapingHandler;
import io.vertx.micrometer.VertxPrometheusOptions;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import warden.host.bus.Addresses;
import warden.host.config.ExportConfig;
import warden.host.plugins.EventTimings;
import warden.host.supervisor.ChildStatus;

/**
 * The host's metrics for systems outside it: the Prometheus scrape that {@code http} mounts on {@code /metrics} and the
 * InfluxDB push. Both see the same meters (one composite registry): every child's sampled values and counters, its
 * status as up, state and info series, the plugins' event timers, the host process and JVM, the machine, and the HTTP
 * server's own timings that Vert.x records.
 *
 * <p>Confined to the host context: the ticks, the status reads and the scrape's refresh run there; the registries
 * are read by the scrape and by the push thread.
 */
public final class Exporter {

    private static final Logger LOG = LoggerFactory.getLogger(Exporter.class);

    /** The registries of each Vertx, made by {@link #newVertx} or by the first exporter on a Vertx made elsewhere. */
    private static final Map<Vertx, Meters> METERS = Collections.synchronizedMap(new WeakHashMap<>());

    private final Vertx vertx;
    private final ExportConfig config;
    private final Map<String, String> env;
    private final Meters meters;
    private final HostMeters host;
    private MessageConsumer<JsonObject> ticks;
    private InfluxPush influx;
    private long retry = -1;
    private boolean stopped;

    /** {@code children} is the supervisor's status list; {@code env} holds the variables that secrets may name. */
    public Exporter(Vertx vertx, ExportConfig config, Supplier<List<ChildStatus>> children, Map<String, String> env) {
        this.vertx = vertx;
        this.config = config;
        this.env = Map.copyOf(env);
        this.meters = METERS.computeIfAbsent(vertx, v -> new Meters());
        this.host = new HostMeters(meters.composite, children);
    }

    /**
     * Builds a host's Vertx with its registries and, when {@code httpMetrics}, the HTTP server's metrics in them:
     * per-route response times, requests, connections. Vert.x takes its metrics factory only here, at build time.
     */
    public static Vertx newVertx(VertxOptions options, boolean httpMetrics) {
        Meters m = new Meters();
        Vertx vertx;
        if (httpMetrics) {
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
                    .addDisabledMetricsCategory(MetricsDomain.VERTICLES);
            vertx = Vertx.builder()
                    .with(new VertxOptions(options).setMetricsOptions(metrics))
                    .withMetrics(new MicrometerMetricsFactory(m.composite))
                    .build();
        } else {
            vertx = Vertx.vertx(options);
        }
        METERS.put(vertx, m);
        return vertx;
    }

    /** Every meter of this host, for readers such as the API's HTTP summary. */
    public MeterRegistry registry() {
        return meters.composite;
    }

    /** Where the plugin host reports event timings, for {@code PluginHost.timings}. */
    public EventTimings timings() {
        return host.timers;
    }

    /** True when {@code /metrics} should be served. */
    public boolean prometheus() {
        return config.prometheus();
    }

    /** {@code GET /metrics}: the children's status read again, then the Prometheus text exposition. */
    public Handler<RoutingContext> scrape() {
        Handler<RoutingContext> exposition = PrometheusScrapingHandler.create(meters.prometheus);
        return ctx -> {
            host.refresh();
            exposition.handle(ctx);
        };
    }

    /** Follows the sampler's ticks; starts the InfluxDB push when configured (its retention set up first). */
    public Future<Void> start() {
        meters.bindJvm();
        host.refresh();
        ticks = vertx.eventBus().consumer(Addresses.METRICS_TICK, m -> host.onTick(m.body()));
        if (config.influx().enabled()) {
            startInflux();
        }
        return Future.succeededFuture();
    }

    public Future<Void> stop() {
        stopped = true;
        vertx.cancelTimer(retry);
        if (ticks != null) {
            ticks.unregister();
        }
        host.clear();
        meters.unbindJvm();
        if (influx == null) {
            return Future.succeededFuture();
        }
        InfluxPush push = influx;
        influx = null;
        // The last push is a blocking HTTP call.
        return vertx.executeBlocking(() -> {
            push.close();
            return null;
        });
    }

    private void startInflux() {
        ExportConfig.Influx c = config.influx();
        if (!c.retention()) {
            influx = new InfluxPush(meters.composite, c, env);
            return;
        }
        new InfluxRetention(vertx, c, InfluxPush.password(c, env)).apply().onComplete(ar -> {
            if (stopped) {
                return;
            }
            if (ar.succeeded()) {
                LOG.info("InfluxDB {} db {}: retention policies and continuous queries in place", c.url(), c.db());
                influx = new InfluxPush(meters.composite, c, env);
            } else {
                // Points pushed before the policies exist would land in InfluxDB's default policy, kept for ever.
                LOG.warn(
                        "InfluxDB retention set-up failed; no push until it works (again in {}s): {}",
                        c.step().toSeconds(),
                        ar.cause().getMessage());
                retry = vertx.setTimer(c.step().toMillis(), id -> startInflux());
            }
        });
    }
}
