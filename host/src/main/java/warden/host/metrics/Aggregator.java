package warden.host.metrics;

import java.time.Duration;

/**
 * Exact aggregates over raw values.
 *
 * <p>Percentiles use the nearest-rank definition: the p-th percentile of n values is the value at 1-based rank
 * ceil(p / 100 × n) in ascending order, so it is always one of the samples (10, 20, 30, 40, 50 → p50 30, p95 50). The
 * ranks are found by quickselect on a scratch copy: linear time, no sort of the whole window.
 */
final class Aggregator {

    private Aggregator() {}

    /** Aggregates of {@code values[0..n)}; reorders the array. {@code span} is the time from first to last value. */
    static Aggregates of(String source, String series, double[] values, int n, Duration span) {
        if (n == 0) {
            return Aggregates.empty(source, series);
        }
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            double v = values[i];
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int r50 = rank(50, n);
        int r95 = rank(95, n);
        int r99 = rank(99, n);
        // Each selection leaves everything above its rank to the right, so the next one searches only there.
        double p50 = select(values, 0, n - 1, r50);
        double p95 = select(values, r50, n - 1, r95);
        double p99 = select(values, r95, n - 1, r99);
        return new Aggregates(source, series, n, span, sum / n, min, max, p50, p95, p99);
    }

    /** 0-based index of the nearest-rank percentile {@code p} among {@code n} sorted values. */
    static int rank(int p, int n) {
        return Math.max(0, (int) Math.ceil(p / 100.0 * n) - 1);
    }

    /** Puts the k-th smallest of a[lo..hi] at index k, smaller ones left of it, larger right; returns it. */
    static double select(double[] a, int lo, int hi, int k) {
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // Median of three as pivot keeps sorted or constant runs from going quadratic.
            if (a[mid] < a[lo]) swap(a, mid, lo);
            if (a[hi] < a[lo]) swap(a, hi, lo);
            if (a[hi] < a[mid]) swap(a, hi, mid);
            double pivot = a[mid];
            int i = lo;
            int j = hi;
            while (i <= j) {
                while (a[i] < pivot) i++;
                while (a[j] > pivot) j--;
                if (i <= j) {
                    swap(a, i++, j--);
                }
            }
            if (k <= j) {
                hi = j;
            } else if (k >= i) {
                lo = i;
            } else {
                return a[k];
            }
        }
        return a[k];
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
