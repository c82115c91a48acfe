package com.swiftlend.workers;

import com.swiftlend.activities.channel.ChannelHealthProperties;
import com.swiftlend.workflows.TaskQueues;
import com.swiftlend.workflows.channel.ChannelHealthSchedule;
import com.swiftlend.workflows.channel.ChannelHealthWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Starts the channel health chain once the process is ready, from every process that polls the
 * payments queue (where its workflow and activity run). Several such processes all try; the fixed
 * workflow id lets exactly one chain run, and the others find it already started.
 */
@Component
class ChannelHealthStarter {

    private static final Logger log = LoggerFactory.getLogger(ChannelHealthStarter.class);

    private final WorkflowClient client;
    private final WorkersProperties workers;
    private final ChannelHealthProperties health;

    ChannelHealthStarter(WorkflowClient client, WorkersProperties workers, ChannelHealthProperties health) {
        this.client = client;
        this.workers = workers;
        this.health = health;
    }

    @EventListener(ApplicationReadyEvent.class)
    void startChecking() {
        if (!workers.taskQueues().contains(TaskQueues.PAYMENTS)) {
            return;
        }
        ChannelHealthWorkflow workflow = client.newWorkflowStub(ChannelHealthWorkflow.class, WorkflowOptions.newBuilder()
                .setWorkflowId(ChannelHealthWorkflow.WORKFLOW_ID)
                .setTaskQueue(TaskQueues.PAYMENTS)
                .build());
        try {
            WorkflowClient.start(workflow::watch, new ChannelHealthSchedule(health.interval(), health.checksPerRun()), 0L);
            log.info("Channel health checks started, every {}", health.interval());
        } catch (WorkflowExecutionAlreadyStarted running) {
            log.info("Channel health checks already running");
        }
    }
}
