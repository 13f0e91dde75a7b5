package warden.host.export;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import warden.host.plugins.EventTimings;

/**
 * The plugins' event timings as Micrometer timers with fixed buckets: Prometheus gets a histogram per plugin ({@code
 * warden_plugin_event_duration_seconds_bucket{le=...}}), which can be summed across plugins and hosts before {@code
 * histogram_quantile}, unlike percentiles computed in the host.
 *
 * <p>Owned by the host context: the router reports there, and {@link HostMeters#refresh} retires removed plugins.
 */
final class EventTimers implements EventTimings {

    /** From a fast in-process handler to a command that ends in its timeout (10 s by default). */
    private static final Duration[] BUCKETS = {
        Duration.ofMillis(1),
        Duration.ofMillis(5),
        Duration.ofMillis(25),
        Duration.ofMillis(100),
        Duration.ofMillis(250),
        Duration.ofSeconds(1),
        Duration.ofSeconds(5),
        Duration.ofSeconds(10)
    };

    private final MeterRegistry registry;
    private final Map<String, Timer[]> timers = new HashMap<>();

    EventTimers(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handled(String pluginId, long nanos) {
        of(pluginId)[0].record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void waited(String pluginId, long nanos) {
        of(pluginId)[1].record(nanos, TimeUnit.NANOSECONDS);
    }

    /** Removes the timers of plugins not in {@code known}; all of them for an empty set. */
    void retain(Set<String> known) {
        timers.entrySet().removeIf(e -> {
            if (known.contains(e.getKey())) {
                return false;
            }
            for (Timer t : e.getValue()) {
                registry.remove(t);
            }
            return true;
        });
    }

    private Timer[] of(String pluginId) {
        return timers.computeIfAbsent(pluginId, id -> new Timer[] {
            timer("warden.plugin.event.duration", id, "Handler round trip of a plugin's events, sent to result"),
            timer("warden.plugin.queue.wait", id, "How long events waited for a plugin that was not ready")
        });
    }

    private Timer timer(String name, String child, String help) {
        return Timer.builder(name)
                .description(help)
                .tag("child", child)
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }
}
