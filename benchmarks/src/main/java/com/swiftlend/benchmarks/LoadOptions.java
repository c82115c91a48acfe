package com.swiftlend.benchmarks;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load generator's arguments, {@code key=value}; the one place their defaults live. The first
 * five may also be given by position, in the order of the older command line
 * ({@code baseUrl applications concurrency warmUp maxSeconds}).
 *
 * @param applications measured applications of a closed-loop run (open loop: {@code rate × duration})
 * @param warmUp applications before measuring, closed loop at {@code concurrency}, not reported
 * @param maxRun hard stop of each system's run (baseline and Swiftlend each get their own)
 * @param poll the status polling interval: 1 s as a borrower's app would, 20 ms as the stress case
 * @param settleTimeout how long one application may take before it counts as not settled
 * @param temporal the running Swiftlend's Temporal gRPC target (printed at its start)
 */
record LoadOptions(URI base, int applications, int concurrency, int warmUp, Duration maxRun, Duration poll,
        Mode mode, double rate, Duration duration, StatusMode status, String temporal, String namespace,
        Baseline baseline, Duration settleTimeout) {

    enum Mode { CLOSED, OPEN }

    /** How the generator learns that an application settled. */
    enum StatusMode { POLL, SSE }

    /** Whether the bare Temporal baseline runs (first), and whether Swiftlend does. */
    enum Baseline { ON, OFF, ONLY }

    static final String USAGE = """
            usage: LoadGenerator [key=value ...]
              base=http://127.0.0.1:8080   a Swiftlend on this machine (loopback only)
              applications=200             measured applications (closed loop)
              concurrency=1                closed-loop workers (also the warm-up's)
              warmUp=30                    applications before measuring
              maxSeconds=300               hard stop for each of the two runs
              poll=1s                      status polling interval (20ms: the stress case)
              status=poll|sse              poll GET /api/v1/applications/{id}, or follow its /events stream
              mode=closed|open             closed loop, or a fixed arrival rate:
              rate=50 duration=20s           open loop: arrivals per second, for how long
              settleTimeout=60s            one application's limit before it counts as not settled
              baseline=on|off|only         the bare Temporal baseline first (needs temporal=), or not, or alone
              temporal=127.0.0.1:7233      Swiftlend's Temporal target, printed at its start ("Temporal ...")
              namespace=default            its Temporal namespace
            """;

    private static final List<String> POSITIONAL = List.of("base", "applications", "concurrency", "warmUp",
            "maxSeconds");
    private static final Map<String, String> DEFAULTS = defaults();
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m)");

    private static Map<String, String> defaults() {
        Map<String, String> d = new LinkedHashMap<>();
        d.put("base", "http://127.0.0.1:8080");
        d.put("applications", "200");
        d.put("concurrency", "1");
        d.put("warmUp", "30");
        d.put("maxSeconds", "300");
        d.put("poll", "1s");
        d.put("status", "poll");
        d.put("mode", "closed");
        d.put("rate", "50");
        d.put("duration", "20s");
        d.put("settleTimeout", "60s");
        d.put("baseline", "on");
        d.put("temporal", "");
        d.put("namespace", "default");
        return d;
    }

    static LoadOptions parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
        int position = 0;
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq < 0) {
                if (position >= POSITIONAL.size()) {
                    throw new IllegalArgumentException("unexpected argument " + arg + "\n" + USAGE);
                }
                values.put(POSITIONAL.get(position++), arg);
                continue;
            }
            String key = arg.substring(0, eq);
            if (!DEFAULTS.containsKey(key)) {
                throw new IllegalArgumentException("unknown argument " + key + "\n" + USAGE);
            }
            values.put(key, arg.substring(eq + 1));
        }
        String base = values.get("base");
        LoadOptions options = new LoadOptions(
                URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) : base),
                Integer.parseInt(values.get("applications")),
                Integer.parseInt(values.get("concurrency")),
                Integer.parseInt(values.get("warmUp")),
                Duration.ofSeconds(Integer.parseInt(values.get("maxSeconds"))),
                duration(values.get("poll")),
                Mode.valueOf(values.get("mode").toUpperCase(Locale.ROOT)),
                Double.parseDouble(values.get("rate")),
                duration(values.get("duration")),
                StatusMode.valueOf(values.get("status").toUpperCase(Locale.ROOT)),
                values.get("temporal").isBlank() ? null : values.get("temporal"),
                values.get("namespace"),
                Baseline.valueOf(values.get("baseline").toUpperCase(Locale.ROOT)),
                duration(values.get("settleTimeout")));
        options.check();
        return options;
    }

    private void check() {
        if (applications < 1 || applications > 100_000 || concurrency < 1 || concurrency > 256 || warmUp < 0
                || maxRun.toSeconds() < 1 || maxRun.toSeconds() > 3600) {
            throw new IllegalArgumentException(
                    "want 1..100000 applications, concurrency 1..256, warm-up >= 0, maxSeconds 1..3600");
        }
        if (mode == Mode.OPEN && (rate <= 0 || rate > 1000 || duration.isZero() || rate * duration.toSeconds() > 100_000)) {
            throw new IllegalArgumentException("open loop wants rate 0..1000/s and at most 100000 arrivals");
        }
        if (poll.isZero() || settleTimeout.isZero()) {
            throw new IllegalArgumentException("poll and settleTimeout must be positive");
        }
        if (baseline != Baseline.OFF && temporal == null) {
            throw new IllegalArgumentException("the bare Temporal baseline needs temporal=<host:port>, the target"
                    + " the running Swiftlend prints at start (\"Temporal 127.0.0.1:...\"; fixed with"
                    + " --swiftlend.embedded.temporal-port=), or baseline=off");
        }
    }

    /** Arrivals of a measured run: the closed loop's count, or the open loop's rate × duration. */
    int measuredArrivals() {
        return mode == Mode.CLOSED ? applications : (int) Math.round(rate * duration.toNanos() / 1e9);
    }

    String describe() {
        String shape = mode == Mode.CLOSED
                ? String.format(Locale.ROOT, "closed loop, %d applications, concurrency %d", applications, concurrency)
                : String.format(Locale.ROOT, "open loop, %.1f/s for %s (%d arrivals)", rate, text(duration),
                        measuredArrivals());
        return String.format(Locale.ROOT, "%s, warm-up %d (concurrency %d), status by %s%s, settle timeout %s,"
                        + " hard stop %d s per run, baseline %s", shape, warmUp, concurrency,
                status == StatusMode.POLL ? "polling every " : "SSE", status == StatusMode.POLL ? text(poll) : "",
                text(settleTimeout), maxRun.toSeconds(), baseline.name().toLowerCase(Locale.ROOT));
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration (e.g. 20ms, 1s, 2m): " + text);
        }
        double amount = Double.parseDouble(m.group(1));
        double millis = switch (m.group(2)) {
            case "ms" -> amount;
            case "s" -> amount * 1_000;
            default -> amount * 60_000;
        };
        return Duration.ofNanos(Math.round(millis * 1_000_000));
    }

    static String text(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }
}
