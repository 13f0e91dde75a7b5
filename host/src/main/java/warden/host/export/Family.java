package warden.host.export;

import java.util.Map;

/**
 * One exported metric family: how a series of the sampler's tick (its dashboard name, e.g. {@code rssBytes}) is named,
 * typed and explained to Prometheus and InfluxDB. The tables below are the whole vocabulary; a series that has no
 * family is left out on purpose (rates a scraper computes itself, percentiles the timers replace, numbers the
 * supervisor's status gives better).
 *
 * @param meter the Micrometer name; Prometheus adds the unit and, for a counter, {@code _total}
 * @param unit a base unit ({@code bytes}, {@code seconds}, {@code ratio}) or null
 * @param scale what the series is multiplied by: 0.01 turns a percentage into a ratio
 * @param tag a tag taken from the series name after its colon ({@code disk.usedBytes:/srv} -> {@code mount=/srv}), or
 *     null
 */
record Family(String meter, boolean counter, String unit, double scale, String tag, String help) {

    static Family gauge(String meter, String unit, String help) {
        return new Family(meter, false, unit, 1, null, help);
    }

    static Family counter(String meter, String unit, String help) {
        return new Family(meter, true, unit, 1, null, help);
    }

    Family tagged(String tag) {
        return new Family(meter, counter, unit, scale, tag, help);
    }

    Family scaled(double by) {
        return new Family(meter, counter, unit, by, tag, help);
    }

    /** A child's sampled values, tagged {@code child}. */
    static final Map<String, Family> CHILD = Map.ofEntries(
            Map.entry(
                    "rssBytes",
                    gauge("warden.child.resident.memory", "bytes", "Resident memory of the child and its descendants")),
            Map.entry(
                    "vmsBytes",
                    gauge("warden.child.virtual.memory", "bytes", "Virtual memory of the child and its descendants")),
            Map.entry("threads", gauge("warden.child.threads", null, "Threads of the child and its descendants")),
            Map.entry("openFiles", gauge("warden.child.open.files", null, "Open file descriptors of the child tree")),
            Map.entry("players", gauge("warden.players", null, "Players online on a game server child")),
            Map.entry(
                    "queue.size",
                    gauge("warden.plugin.queued.events", null, "Events waiting for a plugin that is not ready")),
            Map.entry(
                    "output.dropped",
                    counter(
                            "warden.child.output.dropped.lines",
                            null,
                            "Output lines the child's output limit dropped")),
            Map.entry(
                    "events.delivered", counter("warden.plugin.events.delivered", null, "Events written to a plugin")),
            Map.entry(
                    "events.handled",
                    counter("warden.plugin.events.handled", null, "Events whose plugin handler returned normally")),
            Map.entry(
                    "events.failed",
                    counter(
                            "warden.plugin.events.failed",
                            null,
                            "Events whose handler threw, or in flight when the plugin died")),
            Map.entry(
                    "events.dropped",
                    counter("warden.plugin.events.dropped", null, "Events refused because a plugin's queue was full")),
            Map.entry(
                    "events.timedOut",
                    counter(
                            "warden.plugin.events.timed.out",
                            null,
                            "Events a plugin did not answer within plugins.commandTimeout")),
            Map.entry(
                    "custom",
                    counter("warden.plugin.custom", null, "Counters a plugin bumps itself, by name")
                            .tagged("name")));

    /** A child's cumulative counters from the tick's {@code counters} section. */
    static final Map<String, Family> CHILD_COUNTERS = Map.of(
            "cpuSeconds", counter("warden.child.cpu", "seconds", "CPU time of the child and its descendants"),
            "readBytes", counter("warden.child.read", "bytes", "Bytes the child tree read from storage"),
            "writeBytes", counter("warden.child.written", "bytes", "Bytes the child tree wrote to storage"));

    /** The host's own process (its JVM), beside Micrometer's jvm_* and process_* meters. */
    static final Map<String, Family> HOST = Map.of(
            "rssBytes", gauge("process.resident.memory", "bytes", "Resident memory of the Warden host process"),
            "vmsBytes", gauge("process.virtual.memory", "bytes", "Virtual memory of the Warden host process"));

    static final Map<String, Family> HOST_COUNTERS = Map.of(
            "readBytes", counter("warden.host.read", "bytes", "Bytes the Warden host process read from storage"),
            "writeBytes", counter("warden.host.written", "bytes", "Bytes the Warden host process wrote to storage"));

    /** The machine. */
    static final Map<String, Family> SYSTEM = Map.of(
            "cpu",
            gauge("warden.system.cpu.usage", "ratio", "Busy share of all the machine's cores, 0 to 1")
                    .scaled(0.01),
            "cores",
            gauge("warden.system.cpu.cores", null, "Logical CPU cores of the machine"),
            "load1",
            gauge("warden.system.load1", null, "One-minute load average of the machine"),
            "memTotalBytes",
            gauge("warden.system.memory.total", "bytes", "Memory of the machine"),
            "memUsedBytes",
            gauge("warden.system.memory.used", "bytes", "Memory in use: total less available"),
            "disk.totalBytes",
            gauge("warden.system.disk.total", "bytes", "Size of a filesystem").tagged("mount"),
            "disk.usedBytes",
            gauge("warden.system.disk.used", "bytes", "Used space of a filesystem")
                    .tagged("mount"));

    static final Map<String, Family> SYSTEM_COUNTERS = Map.of(
            "netReceivedBytes",
            counter("warden.system.network.received", "bytes", "Bytes received on all interfaces but loopback"),
            "netSentBytes",
            counter("warden.system.network.sent", "bytes", "Bytes sent on all interfaces but loopback"));
}
