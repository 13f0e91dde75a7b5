package warden.host.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import warden.host.metrics.BenchAccess;

/**
 * Cost of sampling one process, per process: 100 {@code sleep} children are read in each invocation. {@code
 * procProbe} is the held-channel read of /proc/PID/stat and /proc/PID/io; {@code sampler} adds the rate arithmetic and
 * the value map the host receives; {@code oshi} is OSHI's getProcess for comparison. Run with {@code -prof gc} for
 * the allocation per process (gc.alloc.rate.norm divided by 100).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx256m"})
public class ProbeBench {

    static final int CHILDREN = 100;

    private final List<Process> children = new ArrayList<>();
    private long[] pids;
    private BenchAccess.Poller proc;
    private BenchAccess.Poller oshi;
    private BenchAccess.SamplerRun sampler;

    @Setup
    public void spawn() throws Exception {
        pids = new long[CHILDREN];
        for (int i = 0; i < CHILDREN; i++) {
            Process p = new ProcessBuilder("sleep", "3600").start();
            children.add(p);
            pids[i] = p.pid();
        }
        proc = BenchAccess.Poller.proc();
        oshi = BenchAccess.Poller.oshi();
        sampler = new BenchAccess.SamplerRun(pids);
    }

    @TearDown
    public void kill() {
        proc.close();
        oshi.close();
        sampler.close();
        children.forEach(Process::destroyForcibly);
    }

    @Benchmark
    @OperationsPerInvocation(CHILDREN)
    public long procProbe() throws Exception {
        long sum = 0;
        for (long pid : pids) {
            sum += proc.read(pid);
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(CHILDREN)
    public int sampler() {
        return sampler.sample();
    }

    @Benchmark
    @OperationsPerInvocation(CHILDREN)
    public long oshi() throws Exception {
        long sum = 0;
        for (long pid : pids) {
            sum += oshi.read(pid);
        }
        return sum;
    }
}
