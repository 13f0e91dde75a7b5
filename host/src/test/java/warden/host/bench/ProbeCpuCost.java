package warden.host.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import warden.host.metrics.BenchAccess;

/**
 * The CPU time (not wall time) of one poll per process, from the thread's own CPU clock: on a shared, overloaded box
 * JMH's wall-clock scores include the time the thread waits for a core, this does not. Same workload as {@link
 * ProbeBench}: 100 {@code sleep} children. Run: {@code java -cp <test class path> warden.host.bench.ProbeCpuCost}.
 */
public final class ProbeCpuCost {

    interface Round {
        long run() throws Exception;
    }

    public static void main(String[] args) throws Exception {
        int children = 100;
        List<Process> processes = new ArrayList<>();
        long[] pids = new long[children];
        for (int i = 0; i < children; i++) {
            processes.add(new ProcessBuilder("sleep", "3600").start());
            pids[i] = processes.get(i).pid();
        }
        try (BenchAccess.Poller proc = BenchAccess.Poller.proc();
                BenchAccess.Poller statOnly = BenchAccess.Poller.procStatOnly();
                BenchAccess.Poller oshi = BenchAccess.Poller.oshi();
                BenchAccess.SamplerRun sampler = new BenchAccess.SamplerRun(pids)) {
            report("procProbe (stat + io, held channels)", children, 20_000, () -> {
                long sum = 0;
                for (long pid : pids) {
                    sum += proc.read(pid);
                }
                return sum;
            });
            report("procProbe, stat only", children, 20_000, () -> {
                long sum = 0;
                for (long pid : pids) {
                    sum += statOnly.read(pid);
                }
                return sum;
            });
            report("sampler fast path (probe + rates + value map)", children, 20_000, sampler::sample);
            report("system probe, per tick", 1, 2_000, () -> BenchAccess.systemRead(false));
            report("system probe with filesystems, per slow pass", 1, 200, () -> BenchAccess.systemRead(true));
            report("oshi getProcess", children, 500, () -> {
                long sum = 0;
                for (long pid : pids) {
                    sum += oshi.read(pid);
                }
                return sum;
            });
        } finally {
            processes.forEach(Process::destroyForcibly);
        }
    }

    private static void report(String name, int perRound, int rounds, Round round) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long sink = 0;
        for (int i = 0; i < rounds; i++) { // warm-up: let C2 compile the path
            sink += round.run();
        }
        long cpu0 = threads.getCurrentThreadCpuTime();
        long alloc0 = allocated();
        for (int i = 0; i < rounds; i++) {
            sink += round.run();
        }
        double cpuNanos = (threads.getCurrentThreadCpuTime() - cpu0) / (double) rounds / perRound;
        double allocBytes = (allocated() - alloc0) / (double) rounds / perRound;
        System.out.printf(
                "%-48s %7.2f us CPU, %7.0f B allocated per process per poll (sink %d)%n",
                name, cpuNanos / 1000, allocBytes, sink & 1);
    }

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getThreadAllocatedBytes(Thread.currentThread().getId());
    }
}
