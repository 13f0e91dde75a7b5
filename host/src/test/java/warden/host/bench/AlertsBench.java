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
import warden.host.alerts.BenchAccess;

/**
 * One alert evaluation as the event loop runs it on every metrics tick: 100 rules (the built-ins and 94 series rules)
 * against 100 running children, a tenth of the pairs holding. The target is at most 50 µs per tick.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xmx256m"})
public class AlertsBench {

    private BenchAccess alerts;

    @Setup
    public void rules() {
        alerts = new BenchAccess(100, 100);
        alerts.tick();
    }

    @Benchmark
    public int hundredRulesHundredChildren() {
        return alerts.tick();
    }
}
