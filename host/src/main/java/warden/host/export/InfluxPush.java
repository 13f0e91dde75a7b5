package warden.host.export;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.influx.InfluxConfig;
import io.micrometer.influx.InfluxMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.Map;
import warden.host.config.ExportConfig;

/**
 * The InfluxDB push beside the Prometheus scrape: Micrometer's InfluxDB registry, added to the host's composite, gets
 * every meter already there and every one registered later, tagged with the {@code host}, and pushes them each {@code
 * step} on its own thread. (Enabling Influx in the Vert.x metrics options instead would replace the Prometheus
 * registry, not add to it.)
 *
 * <p>With {@code retention} on, the push starts only once {@link InfluxRetention} has set the database up: points
 * pushed before the policies exist would land in InfluxDB's default policy, kept for ever. A set-up that fails (the
 * server not up yet) is tried again with back-off, from one step doubling up to {@link #MAX_BACKOFF}; the
 * {@link Outage} says so once and says when it worked.
 *
 * <p>Confined to the host context, like the {@link Exporter} that holds it; the registry pushes from its own thread.
 */
final class InfluxPush {

    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private final Vertx vertx;
    private final CompositeMeterRegistry composite;
    private final ExportConfig.Influx config;
    private final InfluxConfig settings;
    private final Outage outage;
    private Duration backoff;
    private long retry = -1;
    private InfluxMeterRegistry registry;
    private boolean stopped;

    /** Fails with the field's name when a secret it needs is missing. */
    InfluxPush(Vertx vertx, CompositeMeterRegistry composite, ExportConfig.Influx config, Map<String, String> env) {
        this.vertx = vertx;
        this.composite = composite;
        this.config = config;
        this.settings = InfluxSettings.of(config, env);
        this.outage = new Outage(config.url(), java.time.Clock.systemUTC());
        this.backoff = config.step().compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : config.step();
    }

    void start() {
        if (!config.retention()) {
            push();
            return;
        }
        new InfluxRetention(vertx, config, settings.password()).apply().onComplete(ar -> {
            if (stopped) {
                return;
            }
            if (ar.succeeded()) {
                outage.worked("retention set-up");
                push();
                return;
            }
            outage.failed(
                    "retention set-up",
                    ar.cause().getMessage(),
                    "no push until it works, tried again with back-off up to " + MAX_BACKOFF.toSeconds() + "s");
            retry = vertx.setTimer(backoff.toMillis(), id -> start());
            Duration twice = backoff.multipliedBy(2);
            backoff = twice.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : twice;
        });
    }

    private void push() {
        registry = InfluxMeterRegistry.builder(settings)
                .clock(Clock.SYSTEM)
                .httpClient(new PushSender(settings, outage))
                .build();
        // Before the add: a child registry applies its common tags to the meters the composite hands it.
        registry.config().commonTags("host", InfluxSettings.host(config));
        composite.add(registry);
    }

    /** How many calls failed since the server was last reachable (for tests of the back-off). */
    int failures() {
        return outage.failures();
    }

    /** Pushes what is left and stops the push thread (a blocking HTTP call, hence the worker). */
    Future<Void> stop() {
        stopped = true;
        vertx.cancelTimer(retry);
        if (registry == null) {
            return Future.succeededFuture();
        }
        InfluxMeterRegistry last = registry;
        registry = null;
        composite.remove(last);
        return vertx.executeBlocking(() -> {
            last.close();
            return null;
        });
    }
}
