package warden.host.export;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.ext.web.RoutingContext;
import io.vertx.micrometer.PrometheusScrapingHandler;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.Supplier;
import warden.host.bus.Addresses;
import warden.host.config.ExportConfig;
import warden.host.metrics.Tick;
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

    /** The registries of each Vertx, made by {@link #newVertx} or by the first exporter on a Vertx made elsewhere. */
    private static final Map<Vertx, Meters> METERS = Collections.synchronizedMap(new WeakHashMap<>());

    private final Vertx vertx;
    private final ExportConfig config;
    private final Map<String, String> env;
    private final Meters meters;
    private final HostMeters host;
    private MessageConsumer<Tick> ticks;
    private InfluxPush influx;

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
            // Only the HTTP server's own meters (HttpMeters): every other metrics domain would cost time on the event
            // loop for each message or connection (the event bus carries every tick and output batch).
            vertx = Vertx.builder()
                    .with(new VertxOptions(options).setMetricsOptions(new MetricsOptions().setEnabled(true)))
                    .withMetrics(o -> {
                        m.http = new HttpMeters(m.composite);
                        return m.http;
                    })
                    .build();
        } else {
            vertx = Vertx.vertx(options);
        }
        METERS.put(vertx, m);
        return vertx;
    }

    /**
     * Switches the HTTP server's meters off and on while the host runs, for {@code bench/http/run.sh}, which compares
     * the two in one JVM; a host built without HTTP metrics has nothing to switch.
     */
    public void httpRecording(boolean on) {
        if (meters.http != null) {
            meters.http.recording(on);
        }
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

    /** {@code GET /metrics}: the newest tick applied and the children's status read again, then the exposition. */
    public Handler<RoutingContext> scrape() {
        Handler<RoutingContext> exposition = PrometheusScrapingHandler.create(meters.prometheus);
        return ctx -> {
            host.current();
            exposition.handle(ctx);
        };
    }

    /** Follows the sampler's ticks; starts the InfluxDB push when configured (its retention set up first). */
    public Future<Void> start() {
        meters.bindJvm();
        host.current();
        ticks = vertx.eventBus().<Tick>consumer(Addresses.METRICS_TICK, m -> host.onTick(m.body()));
        if (config.influx().enabled()) {
            try {
                influx = new InfluxPush(vertx, meters.composite, config.influx(), env);
            } catch (IllegalStateException e) {
                return Future.failedFuture(e);
            }
            influx.start();
            host.eager(); // the push reads the registry on its own thread: no scrape brings it up to date
        }
        return Future.succeededFuture();
    }

    public Future<Void> stop() {
        if (ticks != null) {
            ticks.unregister();
        }
        host.clear();
        meters.unbindJvm();
        return influx == null ? Future.succeededFuture() : influx.stop();
    }
}
