package warden.host.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import warden.host.alerts.BenchAccess;

/**
 * CPU time of one alert evaluation (100 rules × 100 children, as {@link AlertsBench}), as percentiles over 300
 * batches of 100 ticks after warm-up. CPU time, unlike {@link AlertsBench}'s wall time, does not count waiting for a
 * core on a busy machine. Run: {@code java -cp <test class path> warden.host.bench.AlertsCpuCost}.
 */
public final class AlertsCpuCost {

    public static void main(String[] args) {
        BenchAccess alerts = new BenchAccess(100, 100);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < 200_000; i++) {
            sink += alerts.tick();
        }
        int batches = 300;
        int per = 100;
        double[] cpu = new double[batches];
        double[] wall = new double[batches];
        for (int b = 0; b < batches; b++) {
            long c0 = threads.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            for (int i = 0; i < per; i++) {
                sink += alerts.tick();
            }
            wall[b] = (System.nanoTime() - w0) / 1e3 / per;
            cpu[b] = (threads.getCurrentThreadCpuTime() - c0) / 1e3 / per;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf(
                "alerts, 100 rules x 100 children, per tick: CPU p50 %.1f us, p99 %.1f us; wall p50 %.1f us, p99 %.1f us"
                        + " (%d open alerts, sink %d)%n",
                cpu[batches / 2],
                cpu[batches * 99 / 100],
                wall[batches / 2],
                wall[batches * 99 / 100],
                alerts.open(),
                sink & 1);
    }
}
