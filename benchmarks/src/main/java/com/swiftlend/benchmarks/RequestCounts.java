package com.swiftlend.benchmarks;

import java.net.http.HttpTimeoutException;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Every request a run sends, by type, and how each one that did not get the answer it wanted
 * failed: a status read timing out must show in the report, not only in a longer latency.
 */
final class RequestCounts {

    private final Map<String, Type> byType = new ConcurrentSkipListMap<>();

    void ok(String type) {
        type(type).ok.increment();
    }

    void failed(String type, String reason) {
        type(type).failures.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    /** A failure reason for an exception: timeouts apart from other I/O errors. */
    static String reason(Exception e) {
        if (e instanceof HttpTimeoutException || e instanceof java.util.concurrent.TimeoutException) {
            return "timed out";
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + abbreviate(e.getMessage()));
    }

    long failures() {
        return byType.values().stream().mapToLong(Type::failed).sum();
    }

    void print(String indent) {
        if (byType.isEmpty()) {
            System.out.println(indent + "no requests");
            return;
        }
        byType.forEach((name, type) -> {
            long failed = type.failed();
            System.out.printf(Locale.ROOT, "%s%-28s %7d sent, %7d ok, %5d failed%n", indent, name,
                    type.ok.sum() + failed, type.ok.sum(), failed);
            new java.util.TreeMap<>(type.failures).forEach((reason, n) ->
                    System.out.printf(Locale.ROOT, "%s    %6dx %s%n", indent, n.sum(), reason));
        });
    }

    private Type type(String name) {
        return byType.computeIfAbsent(name, n -> new Type());
    }

    private static String abbreviate(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 120 ? oneLine.substring(0, 120) + "..." : oneLine;
    }

    private static final class Type {
        final LongAdder ok = new LongAdder();
        final Map<String, LongAdder> failures = new ConcurrentHashMap<>();

        long failed() {
            return failures.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }
}
