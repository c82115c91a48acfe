package com.swiftlend.workflows.application;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.SignalMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/** One workflow per loan application; its workflow id is the application id. */
@WorkflowInterface
public interface LoanApplicationWorkflow {

    @WorkflowMethod
    ApplicationStatus process(LoanApplicationInput input);

    /** An operator approves an application waiting in manual review. Ignored in any other state. */
    @SignalMethod
    void approve(ReviewVerdict verdict);

    /** An operator rejects an application waiting in manual review. Ignored in any other state. */
    @SignalMethod
    void reject(ReviewVerdict verdict);

    @QueryMethod
    ApplicationStatus status();
}
