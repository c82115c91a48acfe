package com.swiftlend.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * How arrivals are produced, the same for Swiftlend and for the bare Temporal baseline, so both are
 * measured alike.
 *
 * <ul>
 *   <li><b>closed loop</b>: {@code concurrency} workers, each starting the next arrival when its
 *       previous one has settled. It measures as many as the system lets through.
 *   <li><b>open loop</b>: arrivals at a fixed rate, each its own task, whether or not earlier ones
 *       have settled, as users produce a burst. Latency is measured from the <em>scheduled</em>
 *       arrival time, so a generator that falls behind (or a system that makes it fall behind) shows
 *       up in the latency instead of being hidden by it (coordinated omission). Arrivals that start
 *       late are counted.
 * </ul>
 */
final class LoadShape {

    /** An arrival starting this long after its scheduled time counts as late. */
    static final Duration LATE = Duration.ofMillis(10);

    /** One arrival's work; {@code scheduledNanos} is the System.nanoTime() it was due at. */
    interface Arrival<R> {
        R run(int index, long scheduledNanos) throws InterruptedException;
    }

    /** What every arrival's result tells the report. */
    interface Outcome {
        boolean settled();

        /** System.nanoTime() when the client saw it settled; meaningful only if settled. */
        long settledAtNanos();
    }

    /**
     * @param windowStartNanos the first arrival's (scheduled or actual) start: throughput's window
     *     runs from here to the last settle
     * @param latenessNanos open loop only: how late each arrival started, sorted; empty for closed loop
     * @param cpu what the whole machine spent from the first arrival to the last result; null off Linux
     */
    record Run<R extends Outcome>(String shape, List<R> results, long windowStartNanos, long[] latenessNanos,
            MachineCpu cpu) {

        long windowNanos() {
            long end = results.stream().filter(Outcome::settled).mapToLong(Outcome::settledAtNanos).max()
                    .orElse(windowStartNanos);
            return Math.max(0, end - windowStartNanos);
        }

        double throughputPerSecond() {
            long window = windowNanos();
            return window == 0 ? 0 : results.stream().filter(Outcome::settled).count() / (window / 1e9);
        }

        long lateArrivals() {
            return Arrays.stream(latenessNanos).filter(n -> n > LATE.toNanos()).count();
        }
    }

    private LoadShape() {
    }

    /** {@code count} arrivals through {@code concurrency} workers; each is due when a worker takes it. */
    static <R extends Outcome> Run<R> closed(int count, int concurrency, Instant hardStop, Arrival<R> arrival,
            Function<String, R> failed) throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency, daemon("closed-loop"));
        MachineCpu cpuStart = MachineCpu.now();
        long windowStart = System.nanoTime();
        List<Future<R>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int index = i;
            futures.add(workers.submit(() -> Instant.now().isAfter(hardStop)
                    ? failed.apply("not started before the hard stop")
                    : arrival.run(index, System.nanoTime())));
        }
        workers.shutdown();
        List<R> results = collect(futures, hardStop, failed);
        workers.shutdownNow();
        return new Run<>("closed loop, concurrency " + concurrency, results, windowStart, new long[0],
                spent(cpuStart));
    }

    /**
     * {@code rate} arrivals per second for {@code duration}. A single scheduler thread only hands
     * each arrival to a cached pool at its time (Java 17 has no virtual threads); the arrival's
     * blocking work runs there, so a slow system never delays the next arrival's start.
     */
    static <R extends Outcome> Run<R> open(double rate, Duration duration, Instant hardStop, Arrival<R> arrival,
            Function<String, R> failed) throws InterruptedException {
        int count = (int) Math.round(rate * duration.toNanos() / 1e9);
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(daemon("arrivals"));
        ExecutorService pool = Executors.newCachedThreadPool(daemon("open-loop"));
        long[] lateness = new long[count];
        List<CompletableFuture<R>> futures = new ArrayList<>(count);
        // A short lead so that scheduling all arrivals does not make the first ones late.
        long first = System.nanoTime() + Duration.ofMillis(200).toNanos();
        MachineCpu cpuStart = MachineCpu.now();
        for (int i = 0; i < count; i++) {
            int index = i;
            long due = first + Math.round(i * 1e9 / rate);
            CompletableFuture<R> future = new CompletableFuture<>();
            futures.add(future);
            scheduler.schedule(() -> pool.execute(() -> {
                lateness[index] = Math.max(0, System.nanoTime() - due);
                try {
                    future.complete(Instant.now().isAfter(hardStop)
                            ? failed.apply("not started before the hard stop")
                            : arrival.run(index, due));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    future.complete(failed.apply("interrupted"));
                } catch (RuntimeException e) {
                    future.complete(failed.apply("arrival error: " + e));
                }
            }), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        List<R> results = collect(new ArrayList<>(futures), hardStop, failed);
        scheduler.shutdownNow();
        pool.shutdownNow();
        // Each arrival wrote its lateness before completing its future, and collect() read them all.
        long[] sorted = lateness.clone();
        Arrays.sort(sorted);
        return new Run<>(String.format(Locale.ROOT, "open loop, %.1f arrivals/s for %d s (%d arrivals)",
                rate, duration.toSeconds(), count), results, first, sorted, spent(cpuStart));
    }

    private static MachineCpu spent(MachineCpu start) {
        MachineCpu end = MachineCpu.now();
        return start == null || end == null ? null : end.since(start);
    }

    private static <R> List<R> collect(List<? extends Future<R>> futures, Instant hardStop, Function<String, R> failed)
            throws InterruptedException {
        List<R> results = new ArrayList<>(futures.size());
        for (Future<R> future : futures) {
            // Five seconds past the hard stop lets arrivals that are just finishing report.
            long wait = Math.max(0, Duration.between(Instant.now(), hardStop).toMillis()) + 5_000;
            try {
                results.add(future.get(wait, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                future.cancel(true);
                results.add(failed.apply("not finished before the hard stop"));
            } catch (ExecutionException e) {
                results.add(failed.apply("arrival error: " + e.getCause()));
            }
        }
        return results;
    }

    private static ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
