package com.swiftlend.api.application;

import com.swiftlend.records.application.LoanApplication;
import com.swiftlend.workflows.TaskQueues;
import com.swiftlend.workflows.application.LoanApplicationWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Starts an application's workflow under the application's id. Starting twice is harmless: the
 * id is never reused, so a second start finds the first and does nothing.
 */
@Component
class WorkflowStarter {

    private static final Logger log = LoggerFactory.getLogger(WorkflowStarter.class);

    private final WorkflowClient client;

    WorkflowStarter(WorkflowClient client) {
        this.client = client;
    }

    /** @return whether this call started the workflow (false: it already existed) */
    boolean start(LoanApplication application) {
        LoanApplicationWorkflow workflow = client.newWorkflowStub(LoanApplicationWorkflow.class,
                WorkflowOptions.newBuilder()
                        .setWorkflowId(application.getId().toString())
                        .setTaskQueue(TaskQueues.LOAN_APPLICATIONS)
                        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
                        .build());
        try {
            WorkflowClient.start(workflow::process, application.toWorkflowInput());
            return true;
        } catch (WorkflowExecutionAlreadyStarted already) {
            log.debug("Workflow {} already exists", application.getId());
            return false;
        }
    }
}
