package com.swiftlend.activities.application;

import com.swiftlend.records.application.LoanApplication;
import com.swiftlend.records.application.LoanApplicationRepository;
import com.swiftlend.records.application.StatusHistoryEntry;
import com.swiftlend.records.application.StatusHistoryRepository;
import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.application.ApplicationRecords;
import com.swiftlend.workflows.application.ApplicationStatus;
import io.temporal.failure.ApplicationFailure;
import java.util.UUID;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Writes the workflow's status revisions to the loan database, with their history. */
@Component
class ApplicationRecordsActivity implements ApplicationRecords {

    private final LoanApplicationRepository applications;
    private final StatusHistoryRepository history;

    ApplicationRecordsActivity(LoanApplicationRepository applications, StatusHistoryRepository history) {
        this.applications = applications;
        this.history = history;
    }

    @Override
    @Transactional
    public void recordStatus(ApplicationStatus status) {
        UUID id = UUID.fromString(status.id());
        LoanApplication application = applications.findById(id)
                .orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                        "no application " + status.id(), Failures.INVALID_INPUT.name()));
        if (application.apply(status)) {
            history.save(new StatusHistoryEntry(id, status.revision(), status.status(), status.step(),
                    status.updatedAt()));
        }
    }
}
