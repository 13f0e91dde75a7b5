package warden.host.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceWindowTest {

    @Test
    void evictsTheOldestAtCapacity() {
        SourceWindow w = new SourceWindow(3);
        for (int i = 1; i <= 5; i++) {
            w.add(i * 1000L, Map.of("cpu", i * 10.0));
        }
        List<Sample> kept = w.between("c", 0, Long.MAX_VALUE);
        assertEquals(3, kept.size());
        assertEquals(
                List.of(30.0, 40.0, 50.0),
                kept.stream().map(s -> s.values().get("cpu")).toList());
        assertEquals(3000L, w.oldest());
    }

    @Test
    void aMissingSeriesIsAGapNotAZero() {
        SourceWindow w = new SourceWindow(10);
        w.add(1000, Map.of("cpu", 10.0, "rssBytes", 4096.0));
        w.add(2000, Map.of()); // child stopped
        w.add(3000, Map.of("cpu", 30.0, "players", 2.0));
        List<Sample> all = w.between("c", 0, 10_000);
        assertEquals(Map.of("cpu", 10.0, "rssBytes", 4096.0), all.get(0).values());
        assertEquals(Map.of(), all.get(1).values());
        assertEquals(Map.of("cpu", 30.0, "players", 2.0), all.get(2).values());
        long[] range = new long[3];
        double[] v = w.values("cpu", 0, 10_000, new double[1], range);
        assertEquals(2, range[0]);
        assertEquals(10.0, v[0]);
        assertEquals(30.0, v[1]);
        assertEquals(1000, range[1]);
        assertEquals(3000, range[2]);
    }

    @Test
    void rangeIsHalfOpen() {
        SourceWindow w = new SourceWindow(10);
        for (int i = 0; i < 10; i++) {
            w.add(i * 1000L, Map.of("cpu", (double) i));
        }
        List<Sample> s = w.between("c", 2000, 5000);
        assertEquals(
                List.of(2.0, 3.0, 4.0),
                s.stream().map(x -> x.values().get("cpu")).toList());
    }

    @Test
    void stepAveragesPerBucket() {
        SourceWindow w = new SourceWindow(10);
        for (int i = 0; i < 6; i++) {
            w.add(i * 1000L, Map.of("cpu", i * 10.0));
        }
        List<Sample> stepped = Resample.average("c", w.between("c", 0, 6000), 0, 3000);
        assertEquals(2, stepped.size());
        assertEquals(10.0, stepped.get(0).values().get("cpu"));
        assertEquals(40.0, stepped.get(1).values().get("cpu"));
        assertEquals(3000L, stepped.get(1).at().toEpochMilli());
    }

    @Test
    void codecKeepsIntegersExactAndFractionsToFloat() {
        Map<String, Integer> ids = Map.of("rssBytes", 1, "cpu", 2, "neg", 3);
        byte[] blob = Codec.encodeSample(Map.of("rssBytes", 123_456_789_012.0, "cpu", 12.5, "neg", -7.0), ids::get);
        Map<Integer, Double> back = Codec.decodeSample(java.nio.ByteBuffer.wrap(blob), blob.length);
        assertEquals(123_456_789_012.0, back.get(1));
        assertEquals(12.5, back.get(2));
        assertEquals(-7.0, back.get(3));
    }
}
