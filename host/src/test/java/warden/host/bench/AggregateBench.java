package warden.host.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import warden.host.metrics.Aggregates;
import warden.host.metrics.BenchAccess;

/**
 * An aggregate query (count, span, avg, min, max, p50, p95, p99) over a full one-hour window of one-second samples,
 * as {@code MetricsService.aggregates} runs it for the memory tier. Sample-time mode, so the p99 is reported.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx256m"})
public class AggregateBench {

    private BenchAccess.Window window;

    @Setup
    public void fill() {
        window = new BenchAccess.Window(3600, 16);
    }

    @Benchmark
    public Aggregates fullHour() {
        return window.aggregateCpu();
    }
}
