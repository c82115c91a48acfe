package com.swiftlend.records.application;

import com.swiftlend.workflows.application.ApplicationState;
import com.swiftlend.workflows.application.ApplicationStatus;
import com.swiftlend.workflows.application.ApplicationStep;
import com.swiftlend.workflows.application.PayoutView;
import com.swiftlend.workflows.application.ReviewVerdict;
import com.swiftlend.workflows.application.RiskCheckView;
import com.swiftlend.workflows.decision.Decision;
import com.swiftlend.workflows.funding.FundingView;
import com.swiftlend.workflows.payment.ChannelRanking;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * The read model of an application's status: the revision its workflow last published, as
 * {@code ApplicationRecords} wrote it, read from the same row as {@link LoanApplication} but only
 * the columns a status shows. It maps none of the encrypted personal data, so reading a status
 * decrypts nothing, and it never asks the workflow: a borrower polling every 20 ms costs one
 * primary-key read, not a workflow task on the worker that must make progress.
 */
@Entity
@Immutable
@Table(name = "loan_application")
public class PublishedStatus {

    /** Where the records publish "application X has a new revision" (Redis pub/sub), for live streams. */
    public static final String UPDATES_CHANNEL = "swiftlend:application-status";

    @Id
    private UUID id;

    @Column(name = "phone_index")
    private String phoneIndex;

    @Enumerated(EnumType.STRING)
    private ApplicationState status;

    @Enumerated(EnumType.STRING)
    @Column(name = "current_step")
    private ApplicationStep currentStep;

    private int revision;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "risk_checks")
    private List<RiskCheckView> riskChecks;

    @JdbcTypeCode(SqlTypes.JSON)
    private Decision decision;

    @JdbcTypeCode(SqlTypes.JSON)
    private PayoutView payout;

    @JdbcTypeCode(SqlTypes.JSON)
    private ReviewVerdict review;

    @JdbcTypeCode(SqlTypes.JSON)
    private FundingView funding;

    @JdbcTypeCode(SqlTypes.JSON)
    private ChannelRanking routing;

    @Column(name = "review_deadline")
    private Instant reviewDeadline;

    @Column(name = "submitted_at")
    private Instant submittedAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected PublishedStatus() {
        // for JPA
    }

    public UUID getId() {
        return id;
    }

    /** The blind index of the applicant's phone: whose application this is, without the number. */
    public String getPhoneIndex() {
        return phoneIndex;
    }

    public int getRevision() {
        return revision;
    }

    public ApplicationStatus toStatus() {
        return new ApplicationStatus(id.toString(), status, currentStep, revision, riskChecks, decision, payout,
                review, submittedAt, updatedAt, decidedAt, reviewDeadline, completedAt, funding, routing);
    }
}
