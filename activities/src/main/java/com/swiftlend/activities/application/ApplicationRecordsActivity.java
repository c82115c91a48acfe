package com.swiftlend.activities.application;

import com.swiftlend.records.application.PublishedStatuses;
import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.application.ApplicationRecords;
import com.swiftlend.workflows.application.ApplicationState;
import com.swiftlend.workflows.application.ApplicationStatus;
import com.swiftlend.workflows.application.ReviewVerdict;
import io.temporal.failure.ApplicationFailure;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Writes the workflow's status revisions to the loan database, with their history (each revision
 * whole, for live streams to resume from), and the end of a manual review to the audit trail (the
 * status is where the workflow reports it).
 */
@Component
class ApplicationRecordsActivity implements ApplicationRecords {

    private static final Logger log = LoggerFactory.getLogger(ApplicationRecordsActivity.class);

    static final String REVIEW_EXPIRED = "REVIEW_EXPIRED";

    private final PublishedStatuses statuses;
    private final AuditTrail audit;
    private final StringRedisTemplate redis;

    ApplicationRecordsActivity(PublishedStatuses statuses, AuditTrail audit, StringRedisTemplate redis) {
        this.statuses = statuses;
        this.audit = audit;
        this.redis = redis;
    }

    @Override
    @Transactional
    public void recordStatus(ApplicationStatus status) {
        boolean newer = statuses.record(status).orElseThrow(() -> ApplicationFailure.newNonRetryableFailure(
                "no application " + status.id(), Failures.INVALID_INPUT.name()));
        if (newer) {
            auditReviewVerdict(UUID.fromString(status.id()), status);
            announceAfterCommit(status.id());
        }
    }

    /**
     * Tells every API replica's live streams that this application has a new revision, once it is
     * committed (a stream reads it from the database, so it must be there). The message carries no
     * status and no personal data; a lost one only delays a stream until its next periodic check.
     */
    private void announceAfterCommit(String applicationId) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                try {
                    redis.convertAndSend(PublishedStatuses.UPDATES_CHANNEL, applicationId);
                } catch (RuntimeException unavailable) {
                    log.warn("Could not announce a new status revision of {}: {}", applicationId,
                            unavailable.toString());
                }
            }
        });
    }

    /** Appending is idempotent per application, so the revisions after the verdict add nothing. */
    private void auditReviewVerdict(UUID id, ApplicationStatus status) {
        ReviewVerdict review = status.review();
        if (review != null && (status.status() == ApplicationState.APPROVED
                || status.status() == ApplicationState.REJECTED)) {
            audit.append(new AuditEvent.ReviewVerdict(id, status.status().name(), review.reviewer(),
                    review.note() == null ? null : audit.digest(review.note()), status.updatedAt()));
        } else if (status.status() == ApplicationState.REJECTED && status.decision() != null
                && status.decision().reasons().contains(REVIEW_EXPIRED)) {
            audit.append(new AuditEvent.ReviewVerdict(id, "EXPIRED", "system", null, status.updatedAt()));
        }
    }
}
