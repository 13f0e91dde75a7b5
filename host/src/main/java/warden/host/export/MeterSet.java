package warden.host.export;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The meters of one scope (a child, the host, the system), kept equal to the latest readings: a reading with a family
 * gets its meter, a meter whose reading is gone is removed from the registry, so a child that stopped sampling (or was
 * removed) has no series in the next scrape rather than a stale value or a NaN.
 *
 * <p>Written on the host context at each tick and scrape; the registries read the values from their own threads (the
 * scrape, InfluxDB's push), hence the concurrent map.
 */
final class MeterSet {

    /** A reading: its family, the value in the family's unit and the tags beyond the scope's own. */
    record Reading(Family family, Tags tags, double value) {}

    private final MeterRegistry registry;
    private final Tags scope;
    private final Map<String, Double> values = new ConcurrentHashMap<>();
    private final Map<String, Meter> meters = new HashMap<>();

    MeterSet(MeterRegistry registry, Tags scope) {
        this.registry = registry;
        this.scope = scope;
    }

    /** Replaces every reading of this set; meters of readings not in {@code readings} are removed. */
    void set(Map<String, Reading> readings) {
        readings.forEach((key, r) -> {
            values.put(key, r.value() * r.family().scale());
            meters.computeIfAbsent(key, k -> register(k, r));
        });
        for (Iterator<Map.Entry<String, Meter>> it = meters.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<String, Meter> e = it.next();
            if (!readings.containsKey(e.getKey())) {
                registry.remove(e.getValue());
                values.remove(e.getKey());
                it.remove();
            }
        }
    }

    /** Removes every meter of the set. */
    void clear() {
        set(Map.of());
    }

    private Meter register(String key, Reading r) {
        Family f = r.family();
        Tags tags = scope.and(r.tags());
        if (f.counter()) {
            return FunctionCounter.builder(f.meter(), values, v -> v.getOrDefault(key, 0.0))
                    .baseUnit(f.unit())
                    .description(f.help())
                    .tags(tags)
                    .register(registry);
        }
        return Gauge.builder(f.meter(), values, v -> v.getOrDefault(key, Double.NaN))
                .baseUnit(f.unit())
                .description(f.help())
                .tags(tags)
                .register(registry);
    }
}
