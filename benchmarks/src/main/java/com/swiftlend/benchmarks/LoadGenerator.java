package com.swiftlend.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Drives a running Swiftlend through its public API: submits distinct applications with bounded
 * concurrency (closed loop: each worker submits one application and polls it until it settles
 * before submitting the next) and reports submit latency, decision latency and throughput.
 *
 * <p>Usage: {@code java -cp benchmarks.jar com.swiftlend.benchmarks.LoadGenerator
 * [baseUrl=http://127.0.0.1:8080] [applications=200] [concurrency=1] [warmUp=30] [maxSeconds=300]}
 *
 * <p>It refuses any base URL whose host is not a loopback address: it is meant for the embedded
 * defaults on this machine, never for someone else's system. It never follows redirects or the
 * Location header for the same reason; it builds every URL from the base URL itself.
 */
public final class LoadGenerator {

    private static final Duration POLL_INTERVAL = Duration.ofMillis(20);
    /** One stuck application must not consume the whole run; it is reported as not settled. */
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final Pattern ID = jsonString("id");
    private static final Pattern STATUS = jsonString("status");
    private static final Pattern STEP = jsonString("step");
    private static final Pattern SUBMITTED_AT = jsonString("submittedAt");
    private static final Pattern UPDATED_AT = jsonString("updatedAt");
    private static final Pattern DECIDED_AT = jsonString("decidedAt");
    private static final Pattern PHONE = jsonString("phone");
    private static final Pattern ACCESS_TOKEN = jsonString("accessToken");
    private static final Pattern CODE = Pattern.compile("code is (\\d{6})");
    /** applicationId and settledAt of one entry of the operators' payout list (fields in record order). */
    private static final Pattern PAYOUT_SETTLED = Pattern.compile(
            "\"applicationId\"\\s*:\\s*\"([^\"]+)\"[^}]*?\"settledAt\"\\s*:\\s*\"([^\"]+)\"");

    private final URI base;
    private final HttpClient http;
    private final Instant hardStop;
    /** Distinct per run so repeated runs against one instance do not trip its velocity checks. */
    private final long runSalt;
    private final AtomicLong sequence = new AtomicLong();

    private LoadGenerator(URI base, Duration maxRun) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        this.hardStop = Instant.now().plus(maxRun);
        this.runSalt = System.currentTimeMillis() / 1000 % 1_000_000;
    }

    public static void main(String[] args) throws Exception {
        URI base = URI.create(stripTrailingSlash(arg(args, 0, "http://127.0.0.1:8080")));
        int applications = Integer.parseInt(arg(args, 1, "200"));
        int concurrency = Integer.parseInt(arg(args, 2, "1"));
        int warmUp = Integer.parseInt(arg(args, 3, "30"));
        int maxSeconds = Integer.parseInt(arg(args, 4, "300"));
        requireLoopback(base);
        if (applications < 1 || applications > 100_000 || concurrency < 1 || concurrency > 256 || warmUp < 0
                || maxSeconds < 1 || maxSeconds > 3600) {
            throw new IllegalArgumentException(
                    "want 1..100000 applications, concurrency 1..256, warm-up >= 0, maxSeconds 1..3600");
        }

        LoadGenerator generator = new LoadGenerator(base, Duration.ofSeconds(maxSeconds));
        System.out.printf(Locale.ROOT, "target %s, %d applications, concurrency %d, warm-up %d, hard stop %d s%n",
                base, applications, concurrency, warmUp, maxSeconds);
        if (warmUp > 0) {
            List<Result> warm = generator.run(warmUp, concurrency);
            System.out.printf(Locale.ROOT, "warm-up: %d applications, %d settled%n", warm.size(),
                    warm.stream().filter(Result::settled).count());
        }
        long windowStart = System.nanoTime();
        List<Result> results = generator.run(applications, concurrency);
        long windowEnd = results.stream().filter(Result::settled).mapToLong(Result::settledAtNanos).max()
                .orElse(System.nanoTime());
        report(results, windowEnd - windowStart);
        generator.reportDisbursement(results);
    }

    /**
     * Approved to funds confirmed: from the decision's time to the channel's final answer on the
     * payout (our payout row's settledAt, read from the operators' payout list).
     */
    private void reportDisbursement(List<Result> results) throws IOException, InterruptedException {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/token"))
                .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"username\":\"operator\",\"password\":\"swiftlend-demo\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String operator = find(ACCESS_TOKEN, token.body());
        if (operator == null) {
            System.out.println("disbursement latency: no operator token (" + token.statusCode() + ")");
            return;
        }
        String payouts = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/operations/payouts?state=SUCCEEDED"))
                .timeout(REQUEST_TIMEOUT).header("Authorization", "Bearer " + operator).GET().build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Instant> confirmed = new TreeMap<>();
        Matcher payout = PAYOUT_SETTLED.matcher(payouts);
        while (payout.find()) {
            confirmed.put(payout.group(1), instant(payout.group(2)));
        }
        printPercentiles("disbursement (approved by the rules -> funds confirmed by the channel)",
                results.stream().filter(r -> "DISBURSED".equals(r.status()) && r.decidedAt() != null
                                && confirmed.get(r.id()) != null)
                        .mapToLong(r -> Duration.between(r.decidedAt(), confirmed.get(r.id())).toNanos())
                        .toArray());
    }

    /** Submits {@code count} applications through {@code concurrency} closed-loop workers. */
    private List<Result> run(int count, int concurrency) throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(concurrency);
        List<Future<Result>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            futures.add(workers.submit(this::oneApplication));
        }
        workers.shutdown();
        long untilHardStop = Math.max(0, Duration.between(Instant.now(), hardStop).toMillis());
        if (!workers.awaitTermination(untilHardStop + 5_000, TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
        }
        List<Result> results = new ArrayList<>(count);
        for (Future<Result> future : futures) {
            if (future.isDone() && !future.isCancelled()) {
                try {
                    results.add(future.get());
                } catch (Exception e) {
                    results.add(Result.failed("worker error: " + e.getCause()));
                }
            } else {
                results.add(Result.failed("not started before the hard stop"));
            }
        }
        return results;
    }

    private Result oneApplication() {
        if (Instant.now().isAfter(hardStop)) {
            return Result.failed("not started before the hard stop");
        }
        long n = sequence.incrementAndGet();
        String body = applicationJson(n);
        // Signing in is the borrower's own step before applying; it is not part of the measured latency.
        String token;
        try {
            token = signIn(find(PHONE, body));
        } catch (IOException | IllegalStateException e) {
            return Result.failed("sign-in failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        }
        HttpRequest submit = HttpRequest.newBuilder(base.resolve("/api/v1/applications"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();

        long start = System.nanoTime();
        HttpResponse<String> accepted;
        try {
            accepted = http.send(submit, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return Result.failed("submit failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        }
        long submitNanos = System.nanoTime() - start;
        if (accepted.statusCode() != 202) {
            return Result.failed("submit answered " + accepted.statusCode() + ": " + abbreviate(accepted.body()));
        }
        String id = find(ID, accepted.body());
        if (id == null || !id.matches("[A-Za-z0-9_.-]+")) {
            return Result.failed("submit gave no usable id: " + abbreviate(accepted.body()));
        }

        HttpRequest poll = HttpRequest.newBuilder(base.resolve("/api/v1/applications/" + id))
                .header("Authorization", "Bearer " + token)
                .timeout(REQUEST_TIMEOUT).GET().build();
        long giveUp = start + SETTLE_TIMEOUT.toNanos();
        String lastStatus = "UNDER_REVIEW";
        String lastError = null;
        while (System.nanoTime() < giveUp && Instant.now().isBefore(hardStop)) {
            try {
                HttpResponse<String> answer = http.send(poll, HttpResponse.BodyHandlers.ofString());
                long seen = System.nanoTime();
                if (answer.statusCode() == 200) {
                    String json = answer.body();
                    lastStatus = find(STATUS, json);
                    String step = find(STEP, json);
                    if ("COMPLETED".equals(step) || "AWAITING_REVIEW".equals(step)) {
                        return new Result(true, lastStatus, step, submitNanos, seen - start, seen,
                                serverMillis(json, SUBMITTED_AT, UPDATED_AT), serverMillis(json, SUBMITTED_AT, DECIDED_AT),
                                null, id, instant(find(DECIDED_AT, json)));
                    }
                } else {
                    lastError = "poll answered " + answer.statusCode();
                }
                Thread.sleep(POLL_INTERVAL.toMillis());
            } catch (IOException e) {
                lastError = "poll failed: " + e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return new Result(false, lastStatus, null, submitNanos, -1, -1, -1, -1,
                "not settled in time" + (lastError == null ? "" : " (last error: " + lastError + ")"), id, null);
    }

    /** As the borrower's app does: a one-time code by SMS (read from the simulated gateway), then a token. */
    private String signIn(String phone) throws IOException, InterruptedException {
        HttpResponse<String> sent = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/otp"))
                .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        if (sent.statusCode() != 202) {
            throw new IllegalStateException("code request answered " + sent.statusCode());
        }
        HttpResponse<String> messages = http.send(HttpRequest.newBuilder(
                base.resolve("/simulators/sms/messages?phone=" + phone)).timeout(REQUEST_TIMEOUT).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        java.util.regex.Matcher code = CODE.matcher(messages.body());
        String last = null;
        while (code.find()) {
            last = code.group(1);
        }
        if (last == null) {
            throw new IllegalStateException("no code reached " + phone);
        }
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(base.resolve("/api/v1/auth/token"))
                .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"phone\":\"" + phone + "\",\"code\":\"" + last + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        String accessToken = find(ACCESS_TOKEN, token.body());
        if (token.statusCode() != 200 || accessToken == null) {
            throw new IllegalStateException("token request answered " + token.statusCode());
        }
        return accessToken;
    }

    /** A distinct applicant (ID number, phone, card, device) per application. */
    private String applicationJson(long n) {
        return SyntheticApplicants.applicationJson(runSalt * 100_000 + n, 3000);
    }

    /** Loopback only; every resolved address must be loopback, so a hosts-file alias cannot sneak out. */
    static void requireLoopback(URI base) throws UnknownHostException {
        if (!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) {
            throw new IllegalArgumentException("base URL must be http(s): " + base);
        }
        String host = base.getHost();
        if (host == null) {
            throw new IllegalArgumentException("base URL has no host: " + base);
        }
        InetAddress[] addresses = InetAddress.getAllByName(host);
        if (addresses.length == 0 || !Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress)) {
            throw new IllegalArgumentException("refusing non-loopback target " + host
                    + ": this generator only loads a Swiftlend on this machine");
        }
    }

    private static void report(List<Result> results, long windowNanos) {
        List<Result> accepted = results.stream().filter(r -> r.submitNanos() >= 0).toList();
        List<Result> settled = results.stream().filter(Result::settled).toList();
        double windowSeconds = windowNanos / 1e9;

        System.out.printf(Locale.ROOT, "measured: %d applications, %d accepted (202), %d settled, window %.2f s%n",
                results.size(), accepted.size(), settled.size(), windowSeconds);
        printPercentiles("submit latency (POST -> 202)", accepted.stream().mapToLong(Result::submitNanos).toArray());
        printPercentiles("decision latency (POST sent -> settled seen by polling)",
                settled.stream().mapToLong(Result::settleNanos).toArray());
        printPercentiles("server: submittedAt -> updatedAt of settled state",
                settled.stream().filter(r -> r.serverSettleMillis() >= 0)
                        .mapToLong(r -> r.serverSettleMillis() * 1_000_000).toArray());
        printPercentiles("server: submittedAt -> decidedAt",
                settled.stream().filter(r -> r.serverDecideMillis() >= 0)
                        .mapToLong(r -> r.serverDecideMillis() * 1_000_000).toArray());
        long under2s = settled.stream().filter(r -> r.settleNanos() < 2_000_000_000L).count();
        System.out.printf(Locale.ROOT, "settled under 2 s: %d of %d measured applications (%.1f%%)%n",
                under2s, results.size(), 100.0 * under2s / results.size());
        System.out.printf(Locale.ROOT, "throughput: %.2f settled applications/s%n",
                windowSeconds > 0 ? settled.size() / windowSeconds : 0.0);

        Map<String, Integer> outcomes = new TreeMap<>();
        for (Result r : results) {
            String key = r.settled() ? r.status() + "/" + r.step() : "NOT SETTLED (last status " + r.status() + ")";
            outcomes.merge(key, 1, Integer::sum);
        }
        System.out.println("final status/step counts:");
        outcomes.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %-50s %d%n", k, v));

        Map<String, Integer> errors = new TreeMap<>();
        results.stream().filter(r -> r.error() != null).forEach(r -> errors.merge(r.error(), 1, Integer::sum));
        if (!errors.isEmpty()) {
            System.out.println("errors:");
            errors.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %dx %s%n", v, k));
        }
    }

    private static void printPercentiles(String label, long[] nanos) {
        if (nanos.length == 0) {
            System.out.printf(Locale.ROOT, "%s: no samples%n", label);
            return;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s [ms, n=%d]: p50 %.1f  p90 %.1f  p99 %.1f  max %.1f%n", label, nanos.length,
                percentile(nanos, 50) / 1e6, percentile(nanos, 90) / 1e6, percentile(nanos, 99) / 1e6,
                nanos[nanos.length - 1] / 1e6);
    }

    /** Nearest rank: the value at or below which p percent of the samples lie. */
    static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Milliseconds between two server timestamps, or -1 when either is missing or unparsable. */
    private static long serverMillis(String json, Pattern from, Pattern to) {
        Instant a = instant(find(from, json));
        Instant b = instant(find(to, json));
        return a == null || b == null ? -1 : Duration.between(a, b).toMillis();
    }

    private static Instant instant(String text) {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The API's JSON is flat enough for this; a JSON library would be the only dependency otherwise. */
    private static Pattern jsonString(String field) {
        return Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"");
    }

    private static String find(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json == null ? "" : json);
        return m.find() ? m.group(1) : null;
    }

    private static String arg(String[] args, int index, String fallback) {
        return args.length > index && !args[index].isBlank() ? args[index] : fallback;
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    /** @param decidedAt when the rules approved it (the start of its disbursement), from the status */
    private record Result(boolean settled, String status, String step, long submitNanos, long settleNanos,
            long settledAtNanos, long serverSettleMillis, long serverDecideMillis, String error, String id,
            Instant decidedAt) {

        static Result failed(String error) {
            return new Result(false, "NONE", null, -1, -1, -1, -1, -1, error, null, null);
        }
    }
}
