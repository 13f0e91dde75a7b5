package warden.host.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * History at a coarser step: one sample per step-sized bucket (aligned to the start of the query), each series the
 * mean of its values there. A bucket with no sample at all is left out; one whose samples were all gaps is kept empty.
 */
final class Resample {

    private Resample() {}

    static List<Sample> average(String source, List<Sample> samples, long fromMillis, long stepMillis) {
        List<Sample> out = new ArrayList<>();
        long bucket = Long.MIN_VALUE;
        Map<String, double[]> sums = new LinkedHashMap<>();
        for (Sample s : samples) {
            long b = fromMillis + Math.floorDiv(s.at().toEpochMilli() - fromMillis, stepMillis) * stepMillis;
            if (b != bucket && bucket != Long.MIN_VALUE) {
                out.add(mean(source, bucket, sums));
                sums = new LinkedHashMap<>();
            }
            bucket = b;
            for (Map.Entry<String, Double> e : s.values().entrySet()) {
                double[] acc = sums.computeIfAbsent(e.getKey(), k -> new double[2]);
                acc[0] += e.getValue();
                acc[1]++;
            }
        }
        if (bucket != Long.MIN_VALUE) {
            out.add(mean(source, bucket, sums));
        }
        return out;
    }

    private static Sample mean(String source, long bucket, Map<String, double[]> sums) {
        Map<String, Double> values = new LinkedHashMap<>();
        sums.forEach((k, acc) -> values.put(k, acc[0] / acc[1]));
        return new Sample(source, Instant.ofEpochMilli(bucket), Collections.unmodifiableMap(values));
    }
}
