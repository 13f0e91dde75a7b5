package warden.host.metrics;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import oshi.SystemInfo;

/**
 * Turns probe readings into per-process values: CPU and I/O rates from the counters' change since the previous tick,
 * summed over the child and its descendants (games often start through wrapper scripts, so the pid the supervisor
 * knows may be a shell whose child does the work).
 *
 * <p>Descendants and open files cost a scan of /proc, so they are refreshed only every {@code slowEvery} ticks; in
 * between, the known descendants are read like the child itself. A probe that fails for one process is logged once
 * (and again when it recovers) and the others are still read. Owned by the sampler thread.
 */
final class Sampler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);

    /** One process to read; the host itself does not count its children's work as its own. */
    record Target(String id, long pid, boolean withDescendants) {}

    /**
     * Values per target id (absent: gone or failed) and for the system; and the cumulative counters per target id
     * ({@code cpuSeconds}, {@code readBytes}, {@code writeBytes}) and for the system, which exporters want instead of
     * rates.
     */
    record Result(
            Map<String, Map<String, Double>> processes,
            Map<String, Double> system,
            Map<String, Map<String, Double>> counters,
            Map<String, Double> systemCounters) {}

    /**
     * One process's counters at its last read, where its next rates start; {@code readBytes} and {@code writeBytes}
     * are -1 until its I/O was read once, and {@code ioAtNanos} is when it last was.
     */
    private record Last(long startTime, long cpuNanos, long readBytes, long writeBytes, long atNanos, long ioAtNanos) {
        static final Last NONE = new Last(0, 0, -1, -1, 0, 0);
    }

    /** Over every process ever seen in one target: CPU nanoseconds, bytes read and written (-1: no I/O read yet). */
    private record Totals(long cpuNanos, long readBytes, long writeBytes) {
        static final Totals NONE = new Totals(0, -1, -1);

        Totals plusCpu(long nanos) {
            return new Totals(cpuNanos + nanos, readBytes, writeBytes);
        }

        Totals plusIo(long read, long written) {
            return new Totals(cpuNanos, Math.max(0, readBytes) + read, Math.max(0, writeBytes) + written);
        }
    }

    /** A target's last storage I/O rates, repeated between I/O reads. */
    private record IoRates(double readBytesPerSec, double writeBytesPerSec) {}

    private final Probe probe;
    private final SystemProbe system;
    private final int slowEvery;
    private final int ioEvery;
    private final Map<String, IoRates> ioRates = new HashMap<>();
    private final ProcessReading reading = new ProcessReading();
    private final Map<Long, Last> previous = new HashMap<>();
    private final Map<String, long[]> pids = new HashMap<>();
    private final Map<String, Integer> openFiles = new HashMap<>();
    private final Set<String> failing = new HashSet<>();
    private final Map<String, Totals> totals = new HashMap<>();

    private long ticks;

    Sampler(Probe probe, SystemProbe system, int slowEvery) {
        this(probe, system, slowEvery, 1);
    }

    /** {@code ioEvery}: read I/O counters every that many ticks; the rates in between repeat the last ones. */
    Sampler(Probe probe, SystemProbe system, int slowEvery, int ioEvery) {
        this.probe = probe;
        this.system = system;
        this.slowEvery = Math.max(1, slowEvery);
        this.ioEvery = Math.max(1, ioEvery);
    }

    /**
     * The /proc probes on Linux, OSHI elsewhere; descendants and open files refreshed about every 30 s at {@code
     * interval}.
     */
    static Sampler forThisSystem(Duration interval) {
        int slowEvery = (int) Math.max(1, 30_000L / Math.max(1000, interval.toMillis()));
        if (ProcProbe.available()) {
            // I/O rates over at least 5 s: reading /proc/PID/io every second would double the cost of a poll.
            int ioEvery = (int) Math.max(1, (5_000L + interval.toMillis() - 1) / Math.max(1000, interval.toMillis()));
            return new Sampler(new ProcProbe(), new LinuxSystemProbe(), slowEvery, ioEvery);
        }
        SystemInfo oshi = new SystemInfo();
        return new Sampler(new OshiProbe(oshi), new OshiSystemProbe(oshi), slowEvery);
    }

    Result sample(List<Target> targets) {
        boolean slow = ticks % slowEvery == 0;
        reading.wantIo = ticks % ioEvery == 0;
        ticks++;
        Map<Long, List<Long>> childrenOf = slow ? childrenIndex() : null;
        Map<String, Map<String, Double>> out = new HashMap<>();
        Set<Long> seen = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (Target t : targets) {
            ids.add(t.id());
            try {
                Map<String, Double> values = sampleOne(t, childrenOf, slow, seen);
                if (values != null) {
                    out.put(t.id(), values);
                }
                if (failing.remove(t.id())) {
                    LOG.info("metrics probe for {} works again", t.id());
                }
            } catch (IOException | RuntimeException e) {
                if (failing.add(t.id())) {
                    LOG.warn(
                            "metrics probe failed for {} (pid {}); the other processes are still sampled",
                            t.id(),
                            t.pid(),
                            e);
                }
            }
        }
        previous.keySet().retainAll(seen);
        pids.keySet().retainAll(ids);
        openFiles.keySet().retainAll(ids);
        ioRates.keySet().retainAll(ids);
        totals.keySet().retainAll(ids);
        probe.retain(seen);
        Map<String, Double> sys = new LinkedHashMap<>();
        try {
            system.read(sys, slow);
        } catch (IOException | RuntimeException e) {
            if (failing.add("system")) {
                LOG.warn("system metrics probe failed; process sampling goes on", e);
            }
        }
        Map<String, Map<String, Double>> counters = new HashMap<>();
        totals.forEach((id, t) -> {
            if (out.containsKey(id)) {
                counters.put(
                        id,
                        t.readBytes() < 0
                                ? Map.of("cpuSeconds", t.cpuNanos() / 1e9)
                                : Map.of(
                                        "cpuSeconds",
                                        t.cpuNanos() / 1e9,
                                        "readBytes",
                                        (double) t.readBytes(),
                                        "writeBytes",
                                        (double) t.writeBytes()));
            }
        });
        return new Result(out, sys, counters, system.counters());
    }

    private Map<String, Double> sampleOne(Target t, Map<Long, List<Long>> childrenOf, boolean slow, Set<Long> seen)
            throws IOException {
        long[] group = pids.get(t.id());
        if (group == null || group[0] != t.pid() || (childrenOf != null && t.withDescendants())) {
            if (group != null && group[0] != t.pid()) {
                ioRates.remove(t.id()); // a new process: the old one's I/O rates are not its own
            }
            group = t.withDescendants() && childrenOf != null ? descendants(t.pid(), childrenOf) : new long[] {t.pid()};
            pids.put(t.id(), group);
        }
        long cpuNanos = 0;
        long readBytes = 0;
        long writeBytes = 0;
        long wallNanos = 0;
        long ioWallNanos = 0;
        long rss = 0;
        long vms = 0;
        int threads = 0;
        boolean io = false;
        Totals total = totals.getOrDefault(t.id(), Totals.NONE);
        for (int k = 0; k < group.length; k++) {
            if (!probe.read(group[k], reading)) {
                if (k == 0) {
                    return null; // the child itself is gone: a gap, not zeros
                }
                continue;
            }
            seen.add(group[k]);
            rss += reading.rssBytes;
            vms += reading.vmsBytes;
            threads += reading.threads;
            boolean readIo = reading.readBytes >= 0;
            Last prev = previous.get(group[k]);
            if (prev != null && prev.startTime() == reading.startTime) {
                total = total.plusCpu(reading.cpuNanos - prev.cpuNanos());
                cpuNanos += reading.cpuNanos - prev.cpuNanos();
                if (k == 0) {
                    wallNanos = reading.atNanos - prev.atNanos();
                }
                if (readIo && prev.readBytes() >= 0) {
                    long read = reading.readBytes - prev.readBytes();
                    long written = reading.writeBytes - prev.writeBytes();
                    readBytes += read;
                    writeBytes += written;
                    total = total.plusIo(read, written);
                    io = true;
                    if (k == 0) {
                        ioWallNanos = reading.atNanos - prev.ioAtNanos();
                    }
                }
            } else {
                // First sight of this process: what it used since it started counts too, so the totals miss no
                // run however short.
                total = total.plusCpu(reading.cpuNanos);
                prev = Last.NONE;
            }
            if (readIo && prev.readBytes() < 0) {
                // The first I/O read of this process: all it did since it started.
                total = total.plusIo(reading.readBytes, reading.writeBytes);
            }
            previous.put(
                    group[k],
                    readIo
                            ? new Last(
                                    reading.startTime,
                                    reading.cpuNanos,
                                    reading.readBytes,
                                    reading.writeBytes,
                                    reading.atNanos,
                                    reading.atNanos)
                            : new Last(
                                    reading.startTime,
                                    reading.cpuNanos,
                                    prev.readBytes(),
                                    prev.writeBytes(),
                                    reading.atNanos,
                                    prev.ioAtNanos()));
        }
        totals.put(t.id(), total);
        Map<String, Double> values = new LinkedHashMap<>();
        if (wallNanos > 0) {
            values.put("cpu", 100.0 * cpuNanos / wallNanos);
        }
        if (io && ioWallNanos > 0) {
            ioRates.put(t.id(), new IoRates(readBytes * 1e9 / ioWallNanos, writeBytes * 1e9 / ioWallNanos));
        }
        IoRates rates = ioRates.get(t.id());
        if (rates != null) {
            values.put("readBytesPerSec", rates.readBytesPerSec());
            values.put("writeBytesPerSec", rates.writeBytesPerSec());
        }
        values.put("rssBytes", (double) rss);
        values.put("vmsBytes", (double) vms);
        values.put("threads", (double) threads);
        if (slow || !openFiles.containsKey(t.id())) {
            int files = 0;
            for (long pid : group) {
                files += Math.max(0, probe.openFiles(pid));
            }
            openFiles.put(t.id(), files);
        }
        values.put("openFiles", (double) openFiles.get(t.id()));
        return values;
    }

    private Map<Long, List<Long>> childrenIndex() {
        try {
            Map<Long, List<Long>> index = new HashMap<>();
            probe.parents().forEach((pid, parent) -> index.computeIfAbsent(parent, p -> new ArrayList<>(2))
                    .add(pid));
            return index;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot list processes; descendants are not summed this time", e);
            return null;
        }
    }

    /** {@code root} first, then every process below it. */
    private static long[] descendants(long root, Map<Long, List<Long>> childrenOf) {
        List<Long> found = new ArrayList<>();
        ArrayDeque<Long> todo = new ArrayDeque<>(List.of(root));
        while (!todo.isEmpty() && found.size() < 10_000) {
            Long pid = todo.poll();
            found.add(pid);
            todo.addAll(childrenOf.getOrDefault(pid, List.of()));
        }
        return found.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public void close() {
        probe.close();
        system.close();
    }
}
