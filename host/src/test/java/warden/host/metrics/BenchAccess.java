package warden.host.metrics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import oshi.SystemInfo;

/** Public doors into the package-private metrics classes, for the JMH benchmarks in warden.host.bench. Test code. */
public final class BenchAccess {

    private BenchAccess() {}

    /** One probe and one reused reading, as the sampler thread holds them. */
    public static final class Poller implements AutoCloseable {
        private final Probe probe;
        private final ProcessReading reading = new ProcessReading();

        private Poller(Probe probe) {
            this.probe = probe;
        }

        public static Poller proc() {
            return new Poller(new ProcProbe());
        }

        public static Poller procStatOnly() {
            Poller poller = new Poller(new ProcProbe());
            poller.reading.wantIo = false;
            return poller;
        }

        public static Poller oshi() {
            return new Poller(new OshiProbe(new SystemInfo()));
        }

        /** Reads one process; returns something derived so the JIT cannot drop the read. */
        public long read(long pid) throws Exception {
            if (!probe.read(pid, reading)) {
                throw new IllegalStateException("gone: " + pid);
            }
            return reading.cpuNanos + reading.rssBytes + reading.threads;
        }

        @Override
        public void close() {
            probe.close();
        }
    }

    /** The sampler's steady state: every pid read, rates computed, value maps built; no /proc scan. */
    public static final class SamplerRun implements AutoCloseable {
        private final Sampler sampler;
        private final List<Sampler.Target> targets = new ArrayList<>();

        public SamplerRun(long[] pids) {
            sampler = new Sampler(new ProcProbe(), (out, slow) -> {}, Integer.MAX_VALUE);
            for (long pid : pids) {
                targets.add(new Sampler.Target("child-" + pid, pid, true));
            }
            sampler.sample(targets); // the one slow pass: descendants and open files
        }

        public int sample() {
            return sampler.sample(targets).processes().size();
        }

        @Override
        public void close() {
            sampler.close();
        }
    }

    /** A full window of one source with {@code series} series of random values. */
    public static final class Window {
        private final SourceWindow window;
        private double[] scratch = new double[16];
        private final long[] range = new long[3];
        private final long end;

        public Window(int samples, int series) {
            window = new SourceWindow(samples);
            Random random = new Random(1);
            for (int i = 0; i < samples; i++) {
                Map<String, Double> values = new HashMap<>();
                for (int s = 0; s < series; s++) {
                    values.put(s == 0 ? "cpu" : "series" + s, random.nextDouble() * 100);
                }
                window.add(i * 1000L, values);
            }
            end = samples * 1000L;
        }

        /** What {@code MetricsService.aggregates} does for the memory tier. */
        public Aggregates aggregateCpu() {
            scratch = window.values("cpu", 0, end, scratch, range);
            return Aggregator.of("c", "cpu", scratch, (int) range[0], java.time.Duration.ofMillis(range[2] - range[1]));
        }
    }

    /** Fills {@code sources} windows of {@code samples} samples of {@code series} series; returns them to keep alive. */
    public static Object windows(int sources, int samples, int series) {
        List<SourceWindow> all = new ArrayList<>();
        Random random = new Random(1);
        for (int c = 0; c < sources; c++) {
            SourceWindow w = new SourceWindow(samples);
            Map<String, Double> values = new HashMap<>();
            for (int i = 0; i < samples; i++) {
                for (int s = 0; s < series; s++) {
                    values.put("series" + s, (double) random.nextInt(1000));
                }
                w.add(i * 1000L, values);
            }
            all.add(w);
        }
        return all;
    }

    /** One read of the Linux system probe (cpu, memory, load, network; filesystems only when {@code slow}). */
    public static int systemRead(boolean slow) throws Exception {
        Map<String, Double> out = new HashMap<>();
        SYSTEM.read(out, slow);
        return out.size();
    }

    private static final LinuxSystemProbe SYSTEM = new LinuxSystemProbe();
}
