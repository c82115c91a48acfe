package com.swiftlend.workflows.channel;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Checks every payment channel's health and balance on a fixed interval, forever. A Temporal
 * Schedule would do this on a real server; the embedded test server has no Schedules, so this
 * is one long-running workflow that sleeps and continues as new, started idempotently under
 * {@link #WORKFLOW_ID} at start-up.
 */
@WorkflowInterface
public interface ChannelHealthWorkflow {

    String WORKFLOW_ID = "channel-health";

    /** @param checksSoFar checks made by earlier runs of this chain (continue-as-new carries it) */
    @WorkflowMethod
    void watch(ChannelHealthSchedule schedule, long checksSoFar);
}
