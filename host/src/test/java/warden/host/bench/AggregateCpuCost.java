package warden.host.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import warden.host.metrics.BenchAccess;

/**
 * Per-query CPU time and wall time of an aggregate over a full hour of one-second samples (the memory tier), as
 * percentiles over 20,000 queries after warm-up. Complements {@link AggregateBench}, whose sample-time percentiles
 * are wall time and so include waiting for a core on a busy machine. Run: {@code java -cp <test class path>
 * warden.host.bench.AggregateCpuCost}.
 */
public final class AggregateCpuCost {

    public static void main(String[] args) {
        BenchAccess.Window window = new BenchAccess.Window(3600, 16);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int i = 0; i < 20_000; i++) {
            sink += window.aggregateCpu().p99();
        }
        int n = 20_000;
        long[] cpu = new long[n];
        long[] wall = new long[n];
        for (int i = 0; i < n; i++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            sink += window.aggregateCpu().p99();
            wall[i] = System.nanoTime() - w0;
            cpu[i] = threads.getCurrentThreadCpuTime() - c0;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf(
                "aggregate over 3600 samples: CPU p50 %.1f us, p99 %.1f us; wall p50 %.1f us, p99 %.1f us (sink %d)%n",
                cpu[n / 2] / 1e3,
                cpu[n * 99 / 100] / 1e3,
                wall[n / 2] / 1e3,
                wall[n * 99 / 100] / 1e3,
                (long) sink & 1);
    }
}
