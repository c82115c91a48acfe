package com.swiftlend.workflows.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.swiftlend.workflows.TaskQueues;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChannelHealthWorkflowTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    /** Counts each attempt; the attempts whose number is in {@code failing} fail as an outage would. */
    static final class CountingChecks implements ChannelHealthChecks {

        final AtomicInteger attempts = new AtomicInteger();
        final Set<Integer> failing = ConcurrentHashMap.newKeySet();
        final List<Instant> succeededAt = new CopyOnWriteArrayList<>();

        @Override
        public List<ChannelHealth> checkChannels() {
            int attempt = attempts.incrementAndGet();
            if (failing.contains(attempt)) {
                throw ApplicationFailure.newFailure("health endpoint unreachable", "CHANNEL_UNAVAILABLE");
            }
            succeededAt.add(Instant.now());
            return List.of();
        }
    }

    private TestWorkflowEnvironment environment;
    private CountingChecks checks;

    @BeforeEach
    void startEnvironment() {
        environment = TestWorkflowEnvironment.newInstance();
        checks = new CountingChecks();
        Worker payments = environment.newWorker(TaskQueues.PAYMENTS);
        payments.registerWorkflowImplementationTypes(ChannelHealthWorkflowImpl.class);
        payments.registerActivitiesImplementations(checks);
        environment.start();
    }

    @AfterEach
    void stopEnvironment() {
        environment.close();
    }

    private WorkflowExecution start(ChannelHealthSchedule schedule) {
        ChannelHealthWorkflow workflow = environment.getWorkflowClient().newWorkflowStub(ChannelHealthWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(ChannelHealthWorkflow.WORKFLOW_ID)
                        .setTaskQueue(TaskQueues.PAYMENTS)
                        .build());
        return WorkflowClient.start(workflow::watch, schedule, 0L);
    }

    /** Lets workflow time pass one interval at a time until the activity was tried {@code count} times. */
    private void awaitAttempts(int count) {
        Instant deadline = Instant.now().plusSeconds(20);
        while (checks.attempts.get() < count) {
            assertThat(Instant.now()).as("activity attempts reached %d", count).isBefore(deadline);
            environment.sleep(INTERVAL);
        }
    }

    private List<HistoryEvent> history(WorkflowExecution execution) {
        return environment.getWorkflowClient().fetchHistory(execution.getWorkflowId(), execution.getRunId())
                .getEvents();
    }

    @Test
    void givenThreeChecksPerRun_whenSevenRoundsPass_itContinuesAsNewCarryingTheCount() {
        WorkflowExecution first = start(new ChannelHealthSchedule(INTERVAL, 3));

        awaitAttempts(7);

        HistoryEvent last = history(first).get(history(first).size() - 1);
        assertThat(last.getEventType()).isEqualTo(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
        var input = last.getWorkflowExecutionContinuedAsNewEventAttributes().getInput();
        long carried = DefaultDataConverter.newDefaultInstance()
                .fromPayload(input.getPayloads(1), Long.class, Long.class);
        assertThat(carried).isEqualTo(3L);
        assertThat(history(first).stream()
                .filter(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED))
                .hasSize(3);
        String latestRun = environment.getWorkflowClient().newUntypedWorkflowStub(ChannelHealthWorkflow.WORKFLOW_ID)
                .getExecution().getRunId();
        assertThat(latestRun).isNotEqualTo(first.getRunId());
    }

    @Test
    void givenOneRoundFailsEveryAttempt_whenWatching_itKeepsCheckingOnTheNextRounds() {
        // Round 2 fails both of its attempts (attempts 2 and 3); rounds 3 and 4 are attempts 4 and 5.
        checks.failing.addAll(Set.of(2, 3));
        WorkflowExecution first = start(new ChannelHealthSchedule(INTERVAL, 10));

        awaitAttempts(5);

        assertThat(checks.succeededAt).hasSizeGreaterThanOrEqualTo(3);
        assertThat(history(first).stream().map(HistoryEvent::getEventType))
                .contains(EventType.EVENT_TYPE_ACTIVITY_TASK_FAILED)
                .doesNotContain(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_FAILED);
    }

    @Test
    void givenTheChainIsRunning_whenStartedAgainUnderItsId_itIsRefused() {
        start(new ChannelHealthSchedule(INTERVAL, 3));

        assertThatThrownBy(() -> start(new ChannelHealthSchedule(INTERVAL, 3)))
                .isInstanceOf(WorkflowExecutionAlreadyStarted.class);
    }
}
