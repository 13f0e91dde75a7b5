package warden.host.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AggregatorTest {

    @Test
    void cpuTenToFifty() {
        Aggregates a = Aggregator.of("c", "cpu", new double[] {30, 10, 50, 20, 40}, 5, Duration.ofSeconds(20));
        assertEquals(5, a.count());
        assertEquals(Duration.ofSeconds(20), a.span());
        assertEquals(30.0, a.avg());
        assertEquals(10.0, a.min());
        assertEquals(50.0, a.max());
        assertEquals(30.0, a.p50());
        assertEquals(50.0, a.p95());
        assertEquals(50.0, a.p99());
    }

    @Test
    void nearestRankOnAHundredValues() {
        double[] v = new double[100];
        for (int i = 0; i < 100; i++) {
            v[i] = 100 - i; // 100 .. 1, reversed on purpose
        }
        Aggregates a = Aggregator.of("c", "cpu", v, 100, Duration.ZERO);
        assertEquals(50.0, a.p50());
        assertEquals(95.0, a.p95());
        assertEquals(99.0, a.p99());
        assertEquals(50.5, a.avg());
    }

    @Test
    void emptyWindowIsNaNNotZero() {
        Aggregates a = Aggregator.of("c", "cpu", new double[0], 0, Duration.ZERO);
        assertEquals(0, a.count());
        assertEquals(Double.NaN, a.avg());
        assertEquals(Double.NaN, a.p95());
    }

    @Test
    void selectionMatchesSortingOnRandomDataWithDuplicates() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            int n = 1 + random.nextInt(500);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = random.nextInt(20);
            }
            double[] sorted = v.clone();
            Arrays.sort(sorted);
            Aggregates a = Aggregator.of("c", "x", v, n, Duration.ZERO);
            assertEquals(sorted[Aggregator.rank(50, n)], a.p50(), "n=" + n);
            assertEquals(sorted[Aggregator.rank(95, n)], a.p95(), "n=" + n);
            assertEquals(sorted[Aggregator.rank(99, n)], a.p99(), "n=" + n);
            assertEquals(sorted[0], a.min());
            assertEquals(sorted[n - 1], a.max());
        }
    }
}
