package warden.host.export;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import warden.host.metrics.MetricsService;
import warden.host.metrics.Tick;
import warden.host.supervisor.ChildStatus;

/**
 * Every Warden meter of one host: per child its sampled values and its status, the host process and the machine. The
 * sampler's ticks bring the values; the supervisor's status is read again at each tick applied and each scrape, so a
 * state change or a removed child shows in the very next scrape.
 *
 * <p>A tick is applied when a reader wants the meters ({@link #current}), not when it arrives: each tick replaces every
 * value, so only the newest one counts, and with 100 children applying one costs about as much event-loop time as the
 * rest of the tick (issue 16). Between scrapes nothing reads them. The InfluxDB push reads the registry on its own
 * thread at its own times, so while it runs every tick is applied as it comes ({@link #eager}).
 *
 * <p>Owned by the host context, like the {@link Exporter} that holds it.
 */
final class HostMeters {

    private final MeterRegistry registry;
    private final Supplier<List<ChildStatus>> children;
    private final Map<String, MeterSet> samples = new HashMap<>();
    private final Map<String, MeterSet> status = new HashMap<>();
    /** Per child, the status its status meters were last set from. */
    private final Map<String, ChildStatus> seen = new HashMap<>();

    private final MeterSet host;
    private final MeterSet system;
    final EventTimers timers;
    /** The newest tick not applied yet. */
    private Tick pending;

    private boolean eager;

    HostMeters(MeterRegistry registry, Supplier<List<ChildStatus>> children) {
        this.registry = registry;
        this.children = children;
        this.host = new MeterSet(registry, Tags.empty());
        this.system = new MeterSet(registry, Tags.empty());
        this.timers = new EventTimers(registry);
    }

    void onTick(Tick tick) {
        pending = tick;
        if (eager) {
            current();
        }
    }

    /** Applies each tick as it arrives from now on, for a reader that does not come through {@link #current}. */
    void eager() {
        eager = true;
        current();
    }

    /** Brings the meters up to date: the newest tick applied, or else the children's status read again. */
    void current() {
        Tick tick = pending;
        pending = null;
        if (tick == null) {
            refresh();
        } else {
            apply(tick);
        }
    }

    private void apply(Tick tick) {
        Set<String> known = refresh();
        Map<String, Map<String, Double>> counters = tick.counters();
        for (String id : known) {
            Map<String, MeterSet.Reading> readings = Readings.of(tick.children().get(id), Family.CHILD, Readings.OTHER);
            readings.putAll(Readings.of(counters.get(id), Family.CHILD_COUNTERS, null));
            set(samples, id, readings);
        }
        Map<String, MeterSet.Reading> own = Readings.of(tick.host(), Family.HOST, null);
        own.putAll(Readings.of(counters.get(MetricsService.HOST), Family.HOST_COUNTERS, null));
        host.set(own);
        Map<String, MeterSet.Reading> machine = Readings.of(tick.system(), Family.SYSTEM, null);
        machine.putAll(Readings.of(counters.get(MetricsService.SYSTEM), Family.SYSTEM_COUNTERS, null));
        system.set(machine);
    }

    /** Reads every child's status again and drops the meters of children the supervisor no longer has. */
    private Set<String> refresh() {
        Set<String> known = new HashSet<>();
        for (ChildStatus c : children.get()) {
            known.add(c.id());
            // A status that did not change since the last look sets nothing: with 100 quiet children this was most of
            // the export's time on each tick (issue 16).
            if (!c.equals(seen.put(c.id(), c))) {
                set(status, c.id(), Readings.of(c));
            }
        }
        seen.keySet().retainAll(known);
        forget(samples, known);
        forget(status, known);
        timers.retain(known);
        return known;
    }

    /** Removes every meter this host registered. */
    void clear() {
        pending = null;
        forget(samples, Set.of());
        forget(status, Set.of());
        seen.clear();
        timers.retain(Set.of());
        host.clear();
        system.clear();
    }

    private void set(Map<String, MeterSet> sets, String id, Map<String, MeterSet.Reading> readings) {
        sets.computeIfAbsent(id, k -> new MeterSet(registry, Tags.of("child", k)))
                .set(readings);
    }

    private static void forget(Map<String, MeterSet> sets, Set<String> keep) {
        sets.entrySet().removeIf(e -> {
            if (keep.contains(e.getKey())) {
                return false;
            }
            e.getValue().clear();
            return true;
        });
    }
}
