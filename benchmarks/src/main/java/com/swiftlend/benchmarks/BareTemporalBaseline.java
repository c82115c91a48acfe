package com.swiftlend.benchmarks;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * The engine's own ceiling: a workflow of the loan flow's shape (five activities in parallel, as
 * the risk checks, then five in sequence, as the steps after them) whose activities do nothing,
 * run on the same Temporal service the running Swiftlend uses, with a worker of its own in this
 * JVM on a task queue of its own, arrivals produced exactly as for Swiftlend ({@link LoadShape}).
 * Latency is from the arrival (closed loop: the start call; open loop: its scheduled time) to the
 * client seeing the workflow completed (the SDK's long poll on its close event, so no polling delay).
 *
 * <p>Worker and client use the SDK's defaults: what the engine does out of the box on this machine.
 */
final class BareTemporalBaseline implements AutoCloseable {

    static final String WORKFLOW_TYPE = "BenchBareLoanShape";

    @WorkflowInterface
    public interface LoanShape {
        @WorkflowMethod(name = WORKFLOW_TYPE)
        String run(String applicationId);
    }

    @ActivityInterface(namePrefix = "BenchBare")
    public interface TrivialStep {
        @ActivityMethod
        String step(String applicationId, int step);
    }

    public static final class LoanShapeImpl implements LoanShape {

        private final TrivialStep steps = Workflow.newActivityStub(TrivialStep.class,
                ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10)).build());

        @Override
        public String run(String applicationId) {
            List<Promise<String>> checks = new ArrayList<>(5);
            for (int i = 0; i < 5; i++) {
                checks.add(Async.function(steps::step, applicationId, i));
            }
            Promise.allOf(checks).get();
            String last = applicationId;
            for (int i = 5; i < 10; i++) {
                last = steps.step(applicationId, i);
            }
            return last;
        }
    }

    public static final class TrivialStepImpl implements TrivialStep {
        @Override
        public String step(String applicationId, int step) {
            return applicationId + "/" + step;
        }
    }

    /** One workflow's result, as {@link LoadGenerator}'s applications are reported. */
    record Completed(boolean settled, long startNanos, long latencyNanos, long settledAtNanos, String error)
            implements LoadShape.Outcome {

        static Completed failed(String error) {
            return new Completed(false, -1, -1, -1, error);
        }
    }

    private final WorkflowServiceStubs service;
    private final WorkflowClient client;
    private final WorkerFactory workers;
    private final String taskQueue;
    private final String idPrefix;
    private final LoadOptions options;
    /** The measured run's requests; the warm-up counts into one of its own. */
    private volatile RequestCounts requests = new RequestCounts();

    BareTemporalBaseline(LoadOptions options, long runSalt) throws UnknownHostException {
        requireLoopback(options.temporal());
        this.options = options;
        this.service = WorkflowServiceStubs.newConnectedServiceStubs(
                WorkflowServiceStubsOptions.newBuilder().setTarget(options.temporal()).build(), Duration.ofSeconds(5));
        this.client = WorkflowClient.newInstance(service,
                WorkflowClientOptions.newBuilder().setNamespace(options.namespace()).build());
        // A queue per run: workflows a killed earlier run left behind are never picked up by this one.
        this.taskQueue = "bench-bare-" + runSalt;
        this.idPrefix = "bench-bare-" + runSalt + "-";
        this.workers = WorkerFactory.newInstance(client);
        workers.newWorker(taskQueue).registerWorkflowImplementationTypes(LoanShapeImpl.class);
        workers.getWorker(taskQueue).registerActivitiesImplementations(new TrivialStepImpl());
        workers.start();
    }

    /** Warm-up, then the measured run, printed; the summary for the ratios. */
    LoadGenerator.Summary run() throws InterruptedException {
        System.out.printf(Locale.ROOT, "%n== bare Temporal: %s (5 parallel + 5 sequential trivial activities),"
                + " task queue %s on %s ==%n", WORKFLOW_TYPE, taskQueue, options.temporal());
        Instant hardStop = Instant.now().plus(options.maxRun());
        if (options.warmUp() > 0) {
            LoadShape.Run<Completed> warm = LoadShape.closed(options.warmUp(), options.concurrency(), hardStop,
                    (i, due) -> once("warm-" + i, System.nanoTime()), Completed::failed);
            System.out.printf(Locale.ROOT, "warm-up: %d workflows, %d completed%n", warm.results().size(),
                    warm.results().stream().filter(Completed::settled).count());
        }
        requests = new RequestCounts();
        LoadShape.Run<Completed> run = options.mode() == LoadOptions.Mode.CLOSED
                ? LoadShape.closed(options.applications(), options.concurrency(), hardStop,
                        (i, due) -> once(Integer.toString(i), System.nanoTime()), Completed::failed)
                : LoadShape.open(options.rate(), options.duration(), hardStop,
                        (i, due) -> once(Integer.toString(i), due), Completed::failed);
        return report(run);
    }

    /** One workflow: started, then waited for; latency from {@code fromNanos}. */
    private Completed once(String name, long fromNanos) {
        WorkflowStub stub = client.newUntypedWorkflowStub(WORKFLOW_TYPE, WorkflowOptions.newBuilder()
                .setTaskQueue(taskQueue)
                .setWorkflowId(idPrefix + name)
                // Nothing of a stopped run lingers on the lead's Temporal service.
                .setWorkflowExecutionTimeout(options.settleTimeout())
                .build());
        long sent = System.nanoTime();
        try {
            stub.start(name);
            requests.ok("start workflow");
        } catch (RuntimeException e) {
            requests.failed("start workflow", RequestCounts.reason(e));
            return Completed.failed("start failed: " + RequestCounts.reason(e));
        }
        long started = System.nanoTime();
        long left = fromNanos + options.settleTimeout().toNanos() - started;
        try {
            stub.getResult(Math.max(1, left), TimeUnit.NANOSECONDS, String.class);
            long seen = System.nanoTime();
            requests.ok("wait for completion");
            return new Completed(true, started - sent, seen - fromNanos, seen, null);
        } catch (TimeoutException e) {
            requests.failed("wait for completion", "timed out");
            return new Completed(false, started - sent, -1, -1, "not completed in time");
        } catch (RuntimeException e) {
            requests.failed("wait for completion", RequestCounts.reason(e));
            return new Completed(false, started - sent, -1, -1, "failed: " + RequestCounts.reason(e));
        }
    }

    private LoadGenerator.Summary report(LoadShape.Run<Completed> run) {
        List<Completed> results = run.results();
        List<Completed> settled = results.stream().filter(Completed::settled).toList();
        System.out.printf(Locale.ROOT, "measured (%s): %d workflows, %d completed, window %.2f s%n", run.shape(),
                results.size(), settled.size(), run.windowNanos() / 1e9);
        LoadGenerator.printLateness(run);
        Latency.of(results.stream().filter(r -> r.startNanos() >= 0).mapToLong(Completed::startNanos).toArray())
                .print("start latency (start call -> started)");
        Latency latency = Latency.of(settled.stream().mapToLong(Completed::latencyNanos).toArray())
                .print(run.latenessNanos().length > 0
                        ? "latency (scheduled arrival -> completed)"
                        : "latency (start call -> completed)");
        System.out.printf(Locale.ROOT, "throughput: %.2f completed workflows/s%n", run.throughputPerSecond());
        if (run.cpu() != null) {
            System.out.println(run.cpu().describe(settled.size(), "completed workflow"));
        }
        System.out.println("requests:");
        requests.print("  ");
        Map<String, Long> errors = results.stream().filter(r -> r.error() != null)
                .collect(Collectors.groupingBy(Completed::error, TreeMap::new, Collectors.counting()));
        if (!errors.isEmpty()) {
            System.out.println("not completed:");
            errors.forEach((error, n) -> System.out.printf(Locale.ROOT, "  %dx %s%n", n, error));
        }
        return new LoadGenerator.Summary("bare Temporal", results.size(), settled.size(), run.throughputPerSecond(),
                latency, requests.failures(), run.cpu());
    }

    @Override
    public void close() {
        workers.shutdownNow();
        workers.awaitTermination(5, TimeUnit.SECONDS);
        service.shutdownNow();
        service.awaitTermination(5, TimeUnit.SECONDS);
    }

    /** As for the HTTP target: the baseline loads only a Temporal service on this machine. */
    private static void requireLoopback(String target) throws UnknownHostException {
        URI uri = URI.create("grpc://" + target);
        if (uri.getHost() == null || uri.getPort() < 1) {
            throw new IllegalArgumentException("temporal= wants host:port, was " + target);
        }
        InetAddress[] addresses = InetAddress.getAllByName(uri.getHost());
        if (addresses.length == 0 || !Arrays.stream(addresses).allMatch(InetAddress::isLoopbackAddress)) {
            throw new IllegalArgumentException("refusing non-loopback Temporal target " + target
                    + ": the baseline only loads a Temporal service on this machine");
        }
    }
}
