package com.swiftlend.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Drives a running Swiftlend through its public API and reports submit latency, decision latency,
 * throughput and every request that failed; by default it first runs the bare Temporal baseline
 * ({@link BareTemporalBaseline}) with the same arrivals on the same Temporal service, and ends with
 * the ratios Swiftlend / bare.
 *
 * <p>Arrivals are closed loop (each of {@code concurrency} workers submits one application, follows
 * it until it settles, then submits the next) or open loop (a fixed arrival rate, see
 * {@link LoadShape}). An application is followed by polling its status or by its Server-Sent Events
 * stream. Arguments: {@link LoadOptions#USAGE}.
 *
 * <p>It refuses any base URL (and Temporal target) whose host is not a loopback address: it is
 * meant for the embedded defaults on this machine, never for someone else's system. It never
 * follows redirects or the Location header for the same reason; it builds every URL from the base
 * URL itself.
 */
public final class LoadGenerator {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** Sign-ins ahead of an open-loop schedule run this many at a time. */
    private static final int SIGN_IN_THREADS = 8;
    /** Pause before reconnecting a dropped event stream or retrying a refused one. */
    private static final Duration RECONNECT_PAUSE = Duration.ofMillis(100);

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

    /** What the ratios compare: one system's measured run. */
    record Summary(String system, int arrivals, int settled, double throughput, Latency latency,
            long failedRequests, MachineCpu cpu) {

        double cpuMillisPerSettled() {
            return cpu == null ? Double.NaN : cpu.millisPer(settled);
        }
    }

    private final LoadOptions options;
    private final URI base;
    private final HttpClient http;
    /** Distinct per run so repeated runs against one instance do not trip its velocity checks. */
    private final long runSalt;
    private final AtomicLong sequence = new AtomicLong();
    /** Cuts an event stream that outlives its application's settle timeout. */
    private final ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "event-stream-watchdog");
        thread.setDaemon(true);
        return thread;
    });
    /** The first 4xx the events endpoint gave for an application the status read knows; 0 if none. */
    private final AtomicInteger eventsRefused = new AtomicInteger();
    private volatile Instant hardStop;
    /** The measured run's requests; the warm-up counts into one of its own. */
    private volatile RequestCounts requests = new RequestCounts();

    private LoadGenerator(LoadOptions options, long runSalt) {
        this.options = options;
        this.base = options.base();
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        this.runSalt = runSalt;
    }

    public static void main(String[] args) throws Exception {
        // The SDK's worker start and stop lines would bury the report.
        System.setProperty("org.slf4j.simpleLogger.log.io.temporal",
                System.getProperty("org.slf4j.simpleLogger.log.io.temporal", "warn"));
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        requireLoopback(options.base());
        long runSalt = System.currentTimeMillis() / 1000 % 1_000_000;
        System.out.printf(Locale.ROOT, "target %s%s: %s%n", options.base(),
                options.temporal() == null ? "" : ", Temporal " + options.temporal(), options.describe());

        Summary bare = null;
        if (options.baseline() != LoadOptions.Baseline.OFF) {
            try (BareTemporalBaseline baseline = new BareTemporalBaseline(options, runSalt)) {
                bare = baseline.run();
            }
        }
        if (options.baseline() != LoadOptions.Baseline.ONLY) {
            Summary swiftlend = new LoadGenerator(options, runSalt).run();
            if (bare != null) {
                printRatios(options, bare, swiftlend);
            }
        }
    }

    private Summary run() throws InterruptedException {
        System.out.printf(Locale.ROOT, "%n== Swiftlend: %s ==%n", base);
        hardStop = Instant.now().plus(options.maxRun());
        if (options.warmUp() > 0) {
            LoadShape.Run<Result> warm = LoadShape.closed(options.warmUp(), options.concurrency(), hardStop,
                    (i, due) -> signInAndApply(), Result::failed);
            System.out.printf(Locale.ROOT, "warm-up: %d applications, %d settled%n", warm.results().size(),
                    warm.results().stream().filter(Result::settled).count());
        }
        requests = new RequestCounts();
        LoadShape.Run<Result> run;
        if (options.mode() == LoadOptions.Mode.CLOSED) {
            run = LoadShape.closed(options.applications(), options.concurrency(), hardStop,
                    (i, due) -> signInAndApply(), Result::failed);
        } else {
            List<Applicant> applicants = signInAhead(options.measuredArrivals());
            hardStop = Instant.now().plus(options.maxRun());
            run = LoadShape.open(options.rate(), options.duration(), hardStop,
                    (i, due) -> apply(applicants.get(i), due), Result::failed);
        }
        Summary summary = report(run);
        try {
            reportDisbursement(run.results());
        } catch (IOException e) {
            System.out.println("disbursement latency: operator reads failed: " + RequestCounts.reason(e));
        }
        return summary;
    }

    /** A borrower ready to apply: the application's body and a token, or why signing in failed. */
    private record Applicant(String body, String token, String error) {
    }

    /** Closed loop: the borrower signs in, then applies; only the application is measured. */
    private Result signInAndApply() throws InterruptedException {
        Applicant applicant = newApplicant();
        return apply(applicant, -1);
    }

    /**
     * Open loop: everyone signs in before the schedule starts. At 50 arrivals/s, signing in on the
     * schedule (a code request, the SMS read and a token request each) would load the system with
     * unmeasured work and could itself be what falls behind.
     */
    private List<Applicant> signInAhead(int count) throws InterruptedException {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(SIGN_IN_THREADS);
        List<Future<Applicant>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            futures.add(pool.submit(this::newApplicant));
        }
        pool.shutdown();
        List<Applicant> applicants = new ArrayList<>(count);
        for (Future<Applicant> future : futures) {
            try {
                applicants.add(future.get());
            } catch (java.util.concurrent.ExecutionException e) {
                applicants.add(new Applicant(null, null, "sign-in failed: " + e.getCause()));
            }
        }
        System.out.printf(Locale.ROOT, "signed in %d applicants ahead of the schedule in %.1f s (%d failed)%n",
                count, (System.nanoTime() - start) / 1e9, applicants.stream().filter(a -> a.error() != null).count());
        return applicants;
    }

    private Applicant newApplicant() throws InterruptedException {
        String body = SyntheticApplicants.applicationJson(runSalt * 100_000 + sequence.incrementAndGet(), 3000);
        try {
            return new Applicant(body, signIn(find(PHONE, body)), null);
        } catch (IOException | IllegalStateException e) {
            return new Applicant(body, null, "sign-in failed: " + e.getMessage());
        }
    }

    /**
     * Submits one application and follows it until it settles.
     *
     * @param scheduledNanos open loop: the arrival's scheduled time, from which latency is measured;
     *     closed loop: -1, latency from the moment the POST is sent
     */
    private Result apply(Applicant applicant, long scheduledNanos) throws InterruptedException {
        if (applicant.error() != null) {
            return Result.failed(applicant.error());
        }
        HttpRequest submit = HttpRequest.newBuilder(base.resolve("/api/v1/applications"))
                .timeout(REQUEST_TIMEOUT)
                .header("Authorization", "Bearer " + applicant.token())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(applicant.body()))
                .build();

        long sent = System.nanoTime();
        long from = scheduledNanos >= 0 ? scheduledNanos : sent;
        HttpResponse<String> accepted;
        try {
            accepted = http.send(submit, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            requests.failed("submit", RequestCounts.reason(e));
            return Result.failed("submit failed: " + RequestCounts.reason(e));
        }
        long submitNanos = System.nanoTime() - sent;
        if (accepted.statusCode() != 202) {
            requests.failed("submit", "answered " + accepted.statusCode());
            return Result.failed("submit answered " + accepted.statusCode() + ": " + abbreviate(accepted.body()));
        }
        requests.ok("submit");
        String id = find(ID, accepted.body());
        if (id == null || !id.matches("[A-Za-z0-9_.-]+")) {
            return Result.failed("submit gave no usable id: " + abbreviate(accepted.body()));
        }

        long giveUp = from + options.settleTimeout().toNanos();
        Watch watch = options.status() == LoadOptions.StatusMode.POLL
                ? poll(id, applicant.token(), giveUp)
                : follow(id, applicant.token(), giveUp);
        if (watch.json() == null) {
            return new Result(false, watch.lastStatus(), null, submitNanos, -1, -1, -1, -1, watch.error(), id, null);
        }
        String json = watch.json();
        return new Result(true, find(STATUS, json), find(STEP, json), submitNanos, watch.seenNanos() - from,
                watch.seenNanos(), serverMillis(json, SUBMITTED_AT, UPDATED_AT),
                serverMillis(json, SUBMITTED_AT, DECIDED_AT), null, id, instant(find(DECIDED_AT, json)));
    }

    /** How following an application ended: its settled status and when it was seen, or why not. */
    private record Watch(String json, long seenNanos, String lastStatus, String error) {

        static Watch unsettled(String lastStatus, String error) {
            return new Watch(null, -1, lastStatus, error);
        }
    }

    private static boolean settled(String json) {
        String step = find(STEP, json);
        return "COMPLETED".equals(step) || "AWAITING_REVIEW".equals(step);
    }

    /** {@code GET /api/v1/applications/{id}} every poll interval, revalidating with the last ETag. */
    private Watch poll(String id, String token, long giveUpNanos) throws InterruptedException {
        String lastJson = null;
        String etag = null;
        String lastStatus = "UNDER_REVIEW";
        String lastError = null;
        while (System.nanoTime() < giveUpNanos && Instant.now().isBefore(hardStop)) {
            HttpRequest.Builder poll = HttpRequest.newBuilder(base.resolve("/api/v1/applications/" + id))
                    .header("Authorization", "Bearer " + token)
                    .timeout(REQUEST_TIMEOUT).GET();
            if (etag != null) {
                poll.header("If-None-Match", etag);
            }
            try {
                HttpResponse<String> answer = http.send(poll.build(), HttpResponse.BodyHandlers.ofString());
                long seen = System.nanoTime();
                if (answer.statusCode() == 200) {
                    requests.ok("status (poll)");
                    lastJson = answer.body();
                    etag = answer.headers().firstValue("ETag").orElse(null);
                    lastStatus = find(STATUS, lastJson);
                    if (settled(lastJson)) {
                        return new Watch(lastJson, seen, lastStatus, null);
                    }
                } else if (answer.statusCode() == 304 && lastJson != null) {
                    requests.ok("status (poll)"); // unchanged, and the last one was not settled
                } else {
                    requests.failed("status (poll)", "answered " + answer.statusCode());
                    lastError = "poll answered " + answer.statusCode();
                }
            } catch (IOException e) {
                requests.failed("status (poll)", RequestCounts.reason(e));
                lastError = "poll failed: " + RequestCounts.reason(e);
            }
            Thread.sleep(options.poll().toMillis());
        }
        return Watch.unsettled(lastStatus, "not settled in time" + (lastError == null ? "" : " (last error: "
                + lastError + ")"));
    }

    /**
     * {@code GET /api/v1/applications/{id}/events}: each event is {@code id: <revision>},
     * {@code event: status}, {@code data: <the status JSON>}, then a blank line; lines starting
     * with {@code :} are comments. The server closes the stream after the COMPLETED revision; at
     * AWAITING_REVIEW the generator closes it. A stream that ends or breaks before is reconnected
     * with {@code Last-Event-ID}. One request counts as ok when its stream delivered the settled
     * revision.
     */
    private Watch follow(String id, String token, long giveUpNanos) throws InterruptedException {
        String lastEventId = null;
        String lastStatus = "UNDER_REVIEW";
        String lastError = null;
        while (System.nanoTime() < giveUpNanos && Instant.now().isBefore(hardStop)) {
            String type = lastEventId == null ? "status events" : "status events (reconnect)";
            HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/v1/applications/" + id + "/events"))
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "text/event-stream")
                    .timeout(REQUEST_TIMEOUT).GET(); // until the response starts, not for the stream
            if (lastEventId != null) {
                request.header("Last-Event-ID", lastEventId);
            }
            HttpResponse<Stream<String>> response;
            try {
                response = http.send(request.build(), HttpResponse.BodyHandlers.ofLines());
            } catch (IOException e) {
                requests.failed(type, RequestCounts.reason(e));
                lastError = "events failed: " + RequestCounts.reason(e);
                Thread.sleep(RECONNECT_PAUSE.toMillis());
                continue;
            }
            if (response.statusCode() != 200) {
                response.body().close();
                requests.failed(type, "answered " + response.statusCode());
                // A build without the endpoint answers 404, or 403 (the security rules deny unknown paths).
                int code = response.statusCode();
                if (code >= 400 && code < 500 && code != 429 && statusReadKnows(id, token)) {
                    eventsRefused.compareAndSet(0, code);
                    return Watch.unsettled(lastStatus, "events endpoint answered " + code + " for an application"
                            + " the status read knows (no SSE in this build?)");
                }
                lastError = "events answered " + response.statusCode();
                Thread.sleep(RECONNECT_PAUSE.toMillis());
                continue;
            }
            long cutInNanos = Math.min(giveUpNanos - System.nanoTime(),
                    Duration.between(Instant.now(), hardStop).toNanos());
            Stream<String> lines = response.body();
            ScheduledFuture<?> cut = watchdog.schedule(lines::close, Math.max(0, cutInNanos), TimeUnit.NANOSECONDS);
            EventParser events = new EventParser();
            try (lines) {
                Iterator<String> it = lines.iterator();
                while (it.hasNext()) {
                    EventParser.Event event = events.line(it.next());
                    if (event == null) {
                        continue;
                    }
                    long seen = System.nanoTime();
                    if (event.id() != null) {
                        lastEventId = event.id();
                    }
                    if ("status".equals(event.name())) {
                        lastStatus = find(STATUS, event.data());
                        if (settled(event.data())) {
                            requests.ok(type);
                            return new Watch(event.data(), seen, lastStatus, null);
                        }
                    }
                }
                lastError = "stream ended before the application settled";
            } catch (UncheckedIOException e) {
                lastError = "stream broke: " + RequestCounts.reason(e.getCause());
            } finally {
                if (System.nanoTime() >= giveUpNanos || !Instant.now().isBefore(hardStop)) {
                    lastError = "stream cut by the generator at the settle timeout or hard stop";
                }
                cut.cancel(false);
            }
            requests.failed(type, lastError);
            Thread.sleep(RECONNECT_PAUSE.toMillis());
        }
        return Watch.unsettled(lastStatus, "not settled in time" + (lastError == null ? "" : " (last error: "
                + lastError + ")"));
    }

    /** Whether {@code GET /api/v1/applications/{id}} finds it: then a refusal from /events is the endpoint's. */
    private boolean statusReadKnows(String id, String token) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(base.resolve("/api/v1/applications/" + id))
                            .header("Authorization", "Bearer " + token).timeout(REQUEST_TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** The text/event-stream format, line by line (the part of it this API uses). */
    static final class EventParser {

        record Event(String id, String name, String data) {
        }

        private String id;
        private String name;
        private StringBuilder data;

        /** The event a blank line completes, or null. */
        Event line(String line) {
            if (line.isEmpty()) {
                Event event = data == null ? null : new Event(id, name == null ? "message" : name, data.toString());
                id = null;
                name = null;
                data = null;
                return event;
            }
            if (line.startsWith(":")) {
                return null;
            }
            int colon = line.indexOf(':');
            String field = colon < 0 ? line : line.substring(0, colon);
            String value = colon < 0 ? "" : line.substring(colon + 1);
            if (value.startsWith(" ")) {
                value = value.substring(1);
            }
            switch (field) {
                case "id" -> id = value;
                case "event" -> name = value;
                case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                default -> {
                    // retry: and unknown fields: nothing this generator needs
                }
            }
            return null;
        }
    }

    /** As the borrower's app does: a one-time code by SMS (read from the simulated gateway), then a token. */
    private String signIn(String phone) throws IOException, InterruptedException {
        HttpResponse<String> sent = signInStep("sign-in: code", HttpRequest.newBuilder(base.resolve("/api/v1/auth/otp"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\"}")), 202);
        if (sent.statusCode() != 202) {
            throw new IllegalStateException("code request answered " + sent.statusCode());
        }
        HttpResponse<String> messages = signInStep("sign-in: read SMS", HttpRequest.newBuilder(
                base.resolve("/simulators/sms/messages?phone=" + phone)).GET(), 200);
        Matcher code = CODE.matcher(messages.body());
        String last = null;
        while (code.find()) {
            last = code.group(1);
        }
        if (last == null) {
            throw new IllegalStateException("no code reached " + phone);
        }
        HttpResponse<String> token = signInStep("sign-in: token", HttpRequest.newBuilder(
                        base.resolve("/api/v1/auth/token"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"phone\":\"" + phone + "\",\"code\":\"" + last + "\"}")),
                200);
        String accessToken = find(ACCESS_TOKEN, token.body());
        if (token.statusCode() != 200 || accessToken == null) {
            throw new IllegalStateException("token request answered " + token.statusCode());
        }
        return accessToken;
    }

    private HttpResponse<String> signInStep(String type, HttpRequest.Builder request, int expected)
            throws IOException, InterruptedException {
        try {
            HttpResponse<String> response = http.send(request.timeout(REQUEST_TIMEOUT).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == expected) {
                requests.ok(type);
            } else {
                requests.failed(type, "answered " + response.statusCode());
            }
            return response;
        } catch (IOException e) {
            requests.failed(type, RequestCounts.reason(e));
            throw e;
        }
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
        Latency.of(results.stream().filter(r -> "DISBURSED".equals(r.status()) && r.decidedAt() != null
                                && confirmed.get(r.id()) != null)
                        .mapToLong(r -> Duration.between(r.decidedAt(), confirmed.get(r.id())).toNanos())
                        .toArray())
                .print("disbursement (approved by the rules -> funds confirmed by the channel)");
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

    private Summary report(LoadShape.Run<Result> run) {
        List<Result> results = run.results();
        List<Result> accepted = results.stream().filter(r -> r.submitNanos() >= 0).toList();
        List<Result> settled = results.stream().filter(Result::settled).toList();
        boolean open = run.latenessNanos().length > 0;

        System.out.printf(Locale.ROOT, "measured (%s): %d applications, %d accepted (202), %d settled,"
                        + " %d NOT settled, window %.2f s%n", run.shape(), results.size(), accepted.size(),
                settled.size(), results.size() - settled.size(), run.windowNanos() / 1e9);
        printLateness(run);
        Latency.of(accepted.stream().mapToLong(Result::submitNanos).toArray()).print("submit latency (POST -> 202)");
        String seenBy = options.status() == LoadOptions.StatusMode.POLL
                ? "polling every " + LoadOptions.text(options.poll()) : "SSE";
        Latency decision = Latency.of(settled.stream().mapToLong(Result::settleNanos).toArray())
                .print("decision latency (" + (open ? "scheduled arrival" : "POST sent") + " -> settled, seen by "
                        + seenBy + ")");
        Latency.of(settled.stream().filter(r -> r.serverSettleMillis() >= 0)
                        .mapToLong(r -> r.serverSettleMillis() * 1_000_000).toArray())
                .print("server: submittedAt -> updatedAt of settled state");
        Latency.of(settled.stream().filter(r -> r.serverDecideMillis() >= 0)
                        .mapToLong(r -> r.serverDecideMillis() * 1_000_000).toArray())
                .print("server: submittedAt -> decidedAt");
        long under2s = settled.stream().filter(r -> r.settleNanos() < 2_000_000_000L).count();
        System.out.printf(Locale.ROOT, "settled under 2 s: %d of %d measured applications (%.1f%%)%n",
                under2s, results.size(), 100.0 * under2s / results.size());
        System.out.printf(Locale.ROOT, "throughput: %.2f settled applications/s%n", run.throughputPerSecond());
        if (run.cpu() != null) {
            System.out.println(run.cpu().describe(settled.size(), "settled application"));
        }

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
            System.out.println("applications not settled, by reason:");
            errors.forEach((k, v) -> System.out.printf(Locale.ROOT, "  %dx %s%n", v, k));
        }
        System.out.println("requests (measured run):");
        requests.print("  ");
        if (eventsRefused.get() != 0) {
            System.out.println("NOTE: GET /api/v1/applications/{id}/events answered " + eventsRefused.get()
                    + " while the status read knew the application: this Swiftlend has no SSE endpoint; use status=poll");
        }
        return new Summary("Swiftlend", results.size(), settled.size(), run.throughputPerSecond(), decision,
                requests.failures(), run.cpu());
    }

    static void printLateness(LoadShape.Run<?> run) {
        long[] late = run.latenessNanos();
        if (late.length == 0) {
            return;
        }
        System.out.printf(Locale.ROOT, "arrivals late to start (more than %d ms after their scheduled time): %d of %d;"
                        + " lateness p50 %.1f  p99 %.1f  max %.1f ms%n", LoadShape.LATE.toMillis(), run.lateArrivals(),
                late.length, Latency.percentile(late, 50) / 1e6, Latency.percentile(late, 99) / 1e6,
                late[late.length - 1] / 1e6);
    }

    private static void printRatios(LoadOptions options, Summary bare, Summary swiftlend) {
        System.out.printf(Locale.ROOT, "%n== Swiftlend / bare Temporal (same arrivals, same Temporal service, this run) ==%n");
        System.out.printf(Locale.ROOT, "throughput   %8.2f/s  / %8.2f/s  = %.2fx%n", swiftlend.throughput(),
                bare.throughput(), ratio(swiftlend.throughput(), bare.throughput()));
        System.out.printf(Locale.ROOT, "latency p50  %8.1f ms / %8.1f ms = %.2fx%n", swiftlend.latency().p50() / 1e6,
                bare.latency().p50() / 1e6, ratio(swiftlend.latency().p50(), bare.latency().p50()));
        System.out.printf(Locale.ROOT, "latency p99  %8.1f ms / %8.1f ms = %.2fx%n", swiftlend.latency().p99() / 1e6,
                bare.latency().p99() / 1e6, ratio(swiftlend.latency().p99(), bare.latency().p99()));
        if (swiftlend.cpu() != null && bare.cpu() != null) {
            // On a CPU-bound machine the throughput ratio cannot beat the inverse of this one.
            System.out.printf(Locale.ROOT, "machine CPU  %8.1f ms / %8.1f ms = %.2fx per settled item%n",
                    swiftlend.cpuMillisPerSettled(), bare.cpuMillisPerSettled(),
                    swiftlend.cpuMillisPerSettled() / bare.cpuMillisPerSettled());
        }
        System.out.printf(Locale.ROOT, "settled      %d of %d / %d of %d; failed requests %d / %d%n",
                swiftlend.settled(), swiftlend.arrivals(), bare.settled(), bare.arrivals(),
                swiftlend.failedRequests(), bare.failedRequests());
        System.out.println("(Swiftlend's latency is its decision latency as seen by "
                + (options.status() == LoadOptions.StatusMode.POLL
                        ? "polling every " + LoadOptions.text(options.poll()) + ", which adds up to one interval"
                        : "its event stream")
                + "; the baseline's is seen by the SDK's long poll on the workflow's completion.)");
    }

    private static double ratio(double a, double b) {
        return b == 0 ? Double.NaN : a / b;
    }

    /** Nearest rank; kept here for the fault-injection drill. */
    static long percentile(long[] sorted, double p) {
        return Latency.percentile(sorted, p);
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

    /** The API's JSON is flat enough for a pattern per field. */
    private static Pattern jsonString(String field) {
        return Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]*)\"");
    }

    private static String find(Pattern pattern, String json) {
        Matcher m = pattern.matcher(json == null ? "" : json);
        return m.find() ? m.group(1) : null;
    }

    private static String abbreviate(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    /** @param decidedAt when the rules approved it (the start of its disbursement), from the status */
    private record Result(boolean settled, String status, String step, long submitNanos, long settleNanos,
            long settledAtNanos, long serverSettleMillis, long serverDecideMillis, String error, String id,
            Instant decidedAt) implements LoadShape.Outcome {

        static Result failed(String error) {
            return new Result(false, "NONE", null, -1, -1, -1, -1, -1, error, null, null);
        }
    }
}
