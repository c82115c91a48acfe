package com.swiftlend.workflows.channel;

import com.swiftlend.workflows.TaskQueues;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import org.slf4j.Logger;

/**
 * One round of checks per interval; after {@code checksPerRun} rounds the run continues as new so
 * its history stays small however long the chain lives. A round that fails (a channel endpoint
 * hangs past the timeout, the database is briefly away) is logged and skipped: the next round
 * checks again, and the state already recorded stays in force meanwhile.
 */
public class ChannelHealthWorkflowImpl implements ChannelHealthWorkflow {

    private static final Logger log = Workflow.getLogger(ChannelHealthWorkflowImpl.class);

    /**
     * A round asks every channel with its own connect and read timeouts (a few seconds at most);
     * two tries bound a bad round well within one interval of a few seconds.
     */
    private final ChannelHealthChecks checks = Workflow.newActivityStub(ChannelHealthChecks.class,
            ActivityOptions.newBuilder()
                    .setTaskQueue(TaskQueues.PAYMENTS)
                    .setStartToCloseTimeout(Duration.ofSeconds(20))
                    .setRetryOptions(RetryOptions.newBuilder()
                            .setInitialInterval(Duration.ofSeconds(1))
                            .setMaximumAttempts(2)
                            .build())
                    .build());

    @Override
    public void watch(ChannelHealthSchedule schedule, long checksSoFar) {
        int rounds = Math.max(1, schedule.checksPerRun());
        for (int round = 0; round < rounds; round++) {
            try {
                checks.checkChannels();
            } catch (ActivityFailure failure) {
                log.warn("Channel health round {} failed; the next round checks again",
                        checksSoFar + round + 1, failure);
            }
            Workflow.sleep(schedule.interval());
        }
        Workflow.continueAsNew(schedule, checksSoFar + rounds);
    }
}
