package warden.host.metrics;

import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One sampler tick, as published on {@code Addresses.METRICS_TICK}: every value just sampled, by source.
 *
 * <p>Maps keep the sampler's order and cannot be changed through the tick: every reader of the bus gets this one
 * instance. They are read-only views, not copies, so whoever makes a tick hands over maps it no longer changes (the
 * sampler makes new ones each tick): copying 100 children's maps on every tick cost the idle host's event loop more
 * than any reader of them (issue 16).
 *
 * @param children by source (child id, or the id a {@code sourceOf} mapping gives), series to value; a child with no
 *     sample this tick has an empty map
 * @param host the host process's own values, {@code uptimeSeconds} and {@code heapUsedBytes} among them
 * @param counters cumulative counters ({@code cpuSeconds}, {@code readBytes}, ...) by source, {@code host} and {@code
 *     system} included; exporters want them instead of rates, the tiers do not keep them
 */
public record Tick(
        Instant at,
        Map<String, Map<String, Double>> children,
        Map<String, Double> host,
        Map<String, Double> system,
        Map<String, Map<String, Double>> counters) {

    public Tick {
        children = frozen(children);
        host = Collections.unmodifiableMap(host);
        system = Collections.unmodifiableMap(system);
        counters = frozen(counters);
    }

    /** The live stream's shape: {@code {at, children: {source: {series: value}}, host, system, counters}}. */
    public JsonObject toJson() {
        JsonObject byChild = new JsonObject();
        children.forEach((source, values) -> byChild.put(source, new JsonObject(new LinkedHashMap<>(values))));
        JsonObject totals = new JsonObject();
        counters.forEach((source, values) -> totals.put(source, new JsonObject(new LinkedHashMap<>(values))));
        return new JsonObject()
                .put("at", at.toString())
                .put("children", byChild)
                .put(MetricsService.HOST, new JsonObject(new LinkedHashMap<>(host)))
                .put(MetricsService.SYSTEM, new JsonObject(new LinkedHashMap<>(system)))
                .put("counters", totals);
    }

    private static Map<String, Map<String, Double>> frozen(Map<String, Map<String, Double>> bySource) {
        Map<String, Map<String, Double>> out = new LinkedHashMap<>();
        bySource.forEach((source, values) -> out.put(source, Collections.unmodifiableMap(values)));
        return Collections.unmodifiableMap(out);
    }
}
