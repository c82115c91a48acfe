package com.swiftlend.workflows.disbursement;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Funds one approved loan and pays it out exactly once: funder → route → send → confirm or
 * resolve the doubt → fail over only when the channel certainly did not pay → compensate. A child
 * of the loan workflow, on the payments task queue, with the workflow id {@link
 * DisbursementRequest#workflowId}.
 */
@WorkflowInterface
public interface DisbursementWorkflow {

    @WorkflowMethod
    DisbursementStatus disburse(DisbursementRequest request);

    @QueryMethod
    DisbursementStatus status();
}
