package warden.host.export;

import io.micrometer.core.instrument.Tags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;

/**
 * Turns what the host knows into {@link MeterSet.Reading}s: a section of the sampler's tick through a family table, and
 * a child's supervisor status into its up, state, info, restart and crash series.
 */
final class Readings {

    static final Family UP = Family.gauge(
            "warden.child.up", null, "1 while the child's process exists (starting, running or stopping), else 0");
    static final Family STATE =
            Family.gauge("warden.child.state", null, "1 for the state the child is in, 0 for the others");
    static final Family INFO = Family.gauge(
            "warden.child.info", null, "Always 1; labels say what the child is: kind, version, generation");
    static final Family RESTARTS =
            Family.counter("warden.child.restarts", null, "Restarts of the child since the host started");
    static final Family CRASHES =
            Family.counter("warden.child.crashes", null, "Unexpected exits of the child since the host started");
    static final Family STARTED = Family.gauge(
            "warden.child.start.time", "seconds", "Unix time the child's current run started; absent while down");
    /** A series some capability adds to a child's sample that has no family of its own. */
    static final Family OTHER = Family.gauge(
                    "warden.child.value", null, "Any other series of a child's sample, by its dashboard name")
            .tagged("series");

    private Readings() {}

    /** The numbers of {@code section} that have a family in {@code table}; {@code other} for the rest, or null. */
    static Map<String, MeterSet.Reading> of(Map<String, Double> section, Map<String, Family> table, Family other) {
        Map<String, MeterSet.Reading> out = new LinkedHashMap<>();
        if (section == null) {
            return out;
        }
        for (Map.Entry<String, Double> e : section.entrySet()) {
            String name = e.getKey();
            Double n = e.getValue();
            if (n == null) {
                continue;
            }
            int colon = name.indexOf(':');
            String base = colon < 0 ? name : name.substring(0, colon);
            String label = colon < 0 ? null : name.substring(colon + 1);
            if (colon < 0 && name.startsWith("custom.")) {
                base = "custom";
                label = name.substring(7);
            }
            Family f = table.get(base);
            if (f == null && !IGNORED.contains(base) && other != null) {
                f = other;
                label = name;
            }
            if (f != null) {
                Tags tags = f.tag() == null || label == null ? Tags.empty() : Tags.of(f.tag(), label);
                out.put(name, new MeterSet.Reading(f, tags, n.doubleValue()));
            }
        }
        return out;
    }

    /** A child's series from its status; {@code restarts} and {@code crashes} keep counting across its runs. */
    static Map<String, MeterSet.Reading> of(ChildStatus c) {
        Map<String, MeterSet.Reading> out = new LinkedHashMap<>();
        out.put("up", new MeterSet.Reading(UP, Tags.empty(), c.state().isAlive() ? 1 : 0));
        for (ChildState s : ChildState.values()) {
            out.put("state:" + s, new MeterSet.Reading(STATE, Tags.of("state", s.name()), c.state() == s ? 1 : 0));
        }
        String kind = c.kind().name().toLowerCase(java.util.Locale.ROOT);
        String version = c.version() == null ? "" : c.version();
        Tags info = Tags.of("kind", kind, "version", version, "generation", Integer.toString(c.generation()));
        // The labels are the key: a reload's new version replaces the old series instead of adding a second 1.
        out.put("info:" + kind + "|" + version + "|" + c.generation(), new MeterSet.Reading(INFO, info, 1));
        out.put("restarts", new MeterSet.Reading(RESTARTS, Tags.empty(), c.restarts()));
        out.put("crashes", new MeterSet.Reading(CRASHES, Tags.empty(), c.crashes()));
        if (c.startedAt() != null && c.state().isAlive()) {
            out.put(
                    "started",
                    new MeterSet.Reading(STARTED, Tags.empty(), c.startedAt().toEpochMilli() / 1000.0));
        }
        return out;
    }

    /**
     * Series of a child's sample the export leaves out: rates and a CPU percentage that the counters replace, the
     * latency percentiles the timers replace, and what the status says better (or what is no metric, the pid).
     */
    private static final List<String> IGNORED = List.of(
            "cpu",
            "readBytesPerSec",
            "writeBytesPerSec",
            "pid",
            "uptimeSeconds",
            "restarts",
            "crashes",
            "latency.p50.ms",
            "latency.p99.ms",
            "queue.wait.p99.ms");
}
