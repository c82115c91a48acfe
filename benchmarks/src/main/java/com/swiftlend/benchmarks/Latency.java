package com.swiftlend.benchmarks;

import java.util.Arrays;
import java.util.Locale;

/** Percentiles of one latency, in nanoseconds (nearest rank); {@code n == 0} when there were no samples. */
record Latency(int n, long p50, long p90, long p99, long max) {

    static Latency of(long[] nanos) {
        if (nanos.length == 0) {
            return new Latency(0, 0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latency(sorted.length, percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted[sorted.length - 1]);
    }

    /** Nearest rank: the value at or below which p percent of the samples lie. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    Latency print(String label) {
        if (n == 0) {
            System.out.printf(Locale.ROOT, "%s: no samples%n", label);
        } else {
            System.out.printf(Locale.ROOT, "%s [ms, n=%d]: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", label, n,
                    p50 / 1e6, p90 / 1e6, p99 / 1e6, max / 1e6);
        }
        return this;
    }
}
