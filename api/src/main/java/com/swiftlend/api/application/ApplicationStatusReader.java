package com.swiftlend.api.application;

import com.swiftlend.api.auth.Caller;
import com.swiftlend.records.application.LoanApplication;
import com.swiftlend.records.application.LoanApplicationRepository;
import com.swiftlend.workflows.application.ApplicationStatus;
import com.swiftlend.workflows.application.LoanApplicationWorkflow;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowException;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Answers an application's status from the workflow while it runs (the freshest view, each
 * risk source as it answers) and from the database once it has closed or cannot be reached.
 */
@Component
class ApplicationStatusReader {

    private final LoanApplicationRepository applications;
    private final WorkflowClient client;

    ApplicationStatusReader(LoanApplicationRepository applications, WorkflowClient client) {
        this.applications = applications;
        this.client = client;
    }

    /** Empty when there is no such application or the caller may not see it: both look alike. */
    Optional<ApplicationStatus> read(UUID id, Caller caller) {
        return applications.findById(id)
                .filter(application -> caller.operator() || caller.owns(application.getPhoneIndex()))
                .map(this::freshest);
    }

    private ApplicationStatus freshest(LoanApplication application) {
        ApplicationStatus recorded = application.toStatus();
        if (application.getStatus().isFinal()) {
            return recorded;
        }
        try {
            ApplicationStatus live = client.newWorkflowStub(LoanApplicationWorkflow.class, recorded.id()).status();
            return live != null && live.revision() >= recorded.revision() ? live : recorded;
        } catch (WorkflowException unreachable) {
            return recorded;
        }
    }
}
