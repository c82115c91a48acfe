package com.swiftlend.api.application;

import com.swiftlend.records.application.LoanApplication;
import com.swiftlend.records.application.LoanApplicationRepository;
import com.swiftlend.workflows.application.ApplicationState;
import java.util.EnumSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, resumes the workflows of applications a previous run left unfinished. The
 * embedded Temporal service forgets everything when it stops; the database does not. Against a
 * real Temporal server the running workflows still exist and each start is a no-op.
 */
@Component
@ConditionalOnProperty(prefix = "swiftlend.recovery", name = "resume-on-start", havingValue = "true",
        matchIfMissing = true)
class UnfinishedApplications {

    private static final Logger log = LoggerFactory.getLogger(UnfinishedApplications.class);

    static final EnumSet<ApplicationState> UNFINISHED = EnumSet.of(ApplicationState.UNDER_REVIEW,
            ApplicationState.MANUAL_REVIEW, ApplicationState.APPROVED, ApplicationState.DISBURSING);

    private final LoanApplicationRepository applications;
    private final WorkflowStarter starter;

    UnfinishedApplications(LoanApplicationRepository applications, WorkflowStarter starter) {
        this.applications = applications;
        this.starter = starter;
    }

    @EventListener(ApplicationReadyEvent.class)
    void resume() {
        List<LoanApplication> unfinished = applications.findByStatusInOrderBySubmittedAt(UNFINISHED);
        int started = 0;
        for (LoanApplication application : unfinished) {
            try {
                if (starter.start(application)) {
                    started++;
                }
            } catch (RuntimeException e) {
                log.error("Could not resume application {}", application.getId(), e);
            }
        }
        if (!unfinished.isEmpty()) {
            log.info("Found {} unfinished application(s); resumed {} whose workflow was gone", unfinished.size(),
                    started);
        }
    }
}
