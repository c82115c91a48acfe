package com.swiftlend.api.application;

import com.swiftlend.records.application.LoanApplication;
import com.swiftlend.records.application.LoanApplicationRepository;
import com.swiftlend.workflows.application.ApplicationState;
import com.swiftlend.workflows.application.ApplicationStep;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * At start-up, resumes the workflows of applications a previous run left unfinished. The
 * embedded Temporal service forgets everything when it stops; the database does not. Against a
 * real Temporal server the running workflows still exist and each start is a no-op.
 */
@Component
public class UnfinishedApplications {

    private static final Logger log = LoggerFactory.getLogger(UnfinishedApplications.class);

    static final EnumSet<ApplicationState> UNFINISHED = EnumSet.of(ApplicationState.UNDER_REVIEW,
            ApplicationState.MANUAL_REVIEW, ApplicationState.APPROVED, ApplicationState.DISBURSING);

    private final LoanApplicationRepository applications;
    private final WorkflowStarter starter;
    private final boolean resumeOnStart;

    UnfinishedApplications(LoanApplicationRepository applications, WorkflowStarter starter,
            @Value("${swiftlend.recovery.resume-on-start:true}") boolean resumeOnStart) {
        this.applications = applications;
        this.starter = starter;
        this.resumeOnStart = resumeOnStart;
    }

    @EventListener(ApplicationReadyEvent.class)
    void onStart() {
        if (resumeOnStart) {
            resume();
        }
    }

    /** @return the ids of the applications whose workflow was gone and has been started again */
    public List<UUID> resume() {
        List<LoanApplication> unfinished = new ArrayList<>(applications.findByStatusInOrderBySubmittedAt(UNFINISHED));
        // A final state whose notice may not have gone out: the resumed workflow only tells the borrower.
        unfinished.addAll(applications.findByCurrentStepOrderBySubmittedAt(ApplicationStep.NOTIFYING));
        List<UUID> resumed = new ArrayList<>();
        for (LoanApplication application : unfinished) {
            try {
                if (starter.start(application)) {
                    resumed.add(application.getId());
                }
            } catch (RuntimeException e) {
                log.error("Could not resume application {}", application.getId(), e);
            }
        }
        if (!unfinished.isEmpty()) {
            log.info("Found {} unfinished application(s); resumed {} whose workflow was gone", unfinished.size(),
                    resumed.size());
        }
        return resumed;
    }
}
