package warden.host.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Puts the sampler's latest values into the Prometheus scrape: {@code warden_child_cpu_percent{child="dice-roller"}},
 * {@code warden_system_mem_used_bytes}, and so on for every series a tick carries.
 *
 * <p>Values arrive on the host context with each {@code METRICS_TICK}; the scrape reads them from whatever thread
 * serves it, hence the concurrent map. A series missing from the last tick reads NaN (a gap), never a stale value.
 */
final class ChildGauges {

    private final MeterRegistry registry;
    private final Map<String, Double> values = new ConcurrentHashMap<>();

    ChildGauges(MeterRegistry registry) {
        this.registry = registry;
    }

    void onTick(JsonObject tick) {
        JsonObject children = tick.getJsonObject("children", new JsonObject());
        for (String child : children.fieldNames()) {
            update("warden.child.", "child", child, children.getJsonObject(child));
        }
        JsonObject system = tick.getJsonObject("system");
        if (system != null) {
            update("warden.system.", null, null, system);
        }
        JsonObject host = tick.getJsonObject("host");
        if (host != null) {
            update("warden.host.", null, null, host);
        }
    }

    private void update(String prefix, String tagKey, String tagValue, JsonObject series) {
        if (series == null) {
            return;
        }
        String scope = prefix + (tagValue == null ? "" : tagValue) + "|";
        values.replaceAll((k, v) -> k.startsWith(scope) ? Double.NaN : v);
        for (String name : series.fieldNames()) {
            Object raw = series.getValue(name);
            if (!(raw instanceof Number n)) {
                continue;
            }
            String key = scope + name;
            if (values.put(key, n.doubleValue()) == null) {
                // "disk.usedBytes:/data" is one series per mount: the part after the colon becomes a label.
                int colon = name.indexOf(':');
                String base = colon < 0 ? name : name.substring(0, colon);
                Gauge.Builder<Map<String, Double>> b =
                        Gauge.builder(prefix + meterName(base), values, m -> m.getOrDefault(key, Double.NaN));
                if (tagKey != null) {
                    b.tag(tagKey, tagValue);
                }
                if (colon >= 0) {
                    b.tag(base.startsWith("disk") ? "mount" : "key", name.substring(colon + 1));
                }
                b.register(registry);
            }
        }
    }

    /** {@code cpu} -> {@code cpu.percent}, {@code rssBytes} -> {@code rss.bytes}, {@code events.total} -> {@code events.count}. */
    static String meterName(String series) {
        if (series.equals("cpu")) {
            return "cpu.percent";
        }
        String dotted = series.replaceAll("([a-z0-9])([A-Z])", "$1.$2").toLowerCase(java.util.Locale.ROOT);
        // Prometheus reserves _total for counters; these are gauges of the sampler's readings.
        return dotted.endsWith(".total") ? dotted.substring(0, dotted.length() - 6) + ".count" : dotted;
    }
}
