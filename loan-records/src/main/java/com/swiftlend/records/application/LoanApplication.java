package com.swiftlend.records.application;

import com.swiftlend.workflows.application.Applicant;
import com.swiftlend.workflows.application.ApplicationState;
import com.swiftlend.workflows.application.ApplicationStep;
import com.swiftlend.workflows.application.LoanApplicationInput;
import com.swiftlend.workflows.application.LoanTerms;
import com.swiftlend.workflows.application.PayoutView;
import com.swiftlend.workflows.funding.FundingView;
import com.swiftlend.workflows.payment.ChannelRanking;
import com.swiftlend.workflows.application.ResumePoint;
import com.swiftlend.workflows.application.ReviewVerdict;
import com.swiftlend.workflows.application.RiskCheckView;
import com.swiftlend.workflows.decision.Decision;
import com.swiftlend.protection.index.BlindIndex;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A loan application as the system of record keeps it: what was asked, and its latest status. The
 * applicant's name, ID number, phone and card are stored encrypted (the converters) and the ID
 * number and phone also as blind indexes ({@link ApplicantIndexing}); this class sees plaintext.
 */
@Entity
@Table(name = "loan_application")
@EntityListeners(ApplicantIndexing.class)
public class LoanApplication {

    @Id
    private UUID id;

    @Column(name = "idempotency_key", nullable = false, updatable = false)
    private String idempotencyKey;

    @Column(name = "request_fingerprint", nullable = false, updatable = false)
    private String requestFingerprint;

    @Convert(converter = ApplicantNameConverter.class)
    @Column(name = "applicant_name", nullable = false, updatable = false)
    private String applicantName;

    @Convert(converter = IdNumberConverter.class)
    @Column(name = "id_number", nullable = false, updatable = false)
    private String idNumber;

    @Convert(converter = PhoneConverter.class)
    @Column(nullable = false, updatable = false)
    private String phone;

    @Convert(converter = BankCardConverter.class)
    @Column(name = "bank_card", nullable = false, updatable = false)
    private String bankCard;

    // Written once by ApplicantIndexing, or by the re-encryption job for rows older than V4.
    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "id_number_index", length = 64, updatable = false)
    private String idNumberIndex;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "phone_index", length = 64, updatable = false)
    private String phoneIndex;

    @Column(name = "device_id", nullable = false, updatable = false)
    private String deviceId;

    @Column(name = "client_ip", nullable = false, updatable = false)
    private String clientIp;

    @Column(nullable = false, updatable = false)
    private BigDecimal amount;

    @Column(name = "term_days", nullable = false, updatable = false)
    private int termDays;

    @Column(updatable = false)
    private String purpose;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private ApplicationState status;

    @Enumerated(EnumType.STRING)
    @Column(name = "current_step", nullable = false)
    private ApplicationStep currentStep;

    @Column(nullable = false)
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

    @Column(name = "submitted_at", nullable = false, updatable = false)
    private Instant submittedAt;

    @Column(name = "decided_at")
    private Instant decidedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected LoanApplication() {
        // for JPA
    }

    public LoanApplication(UUID id, String idempotencyKey, String requestFingerprint, Applicant applicant,
            LoanTerms terms, Instant submittedAt) {
        this.id = id;
        this.idempotencyKey = idempotencyKey;
        this.requestFingerprint = requestFingerprint;
        this.applicantName = applicant.name();
        this.idNumber = applicant.idNumber();
        this.phone = applicant.phone();
        this.bankCard = applicant.bankCard();
        this.deviceId = applicant.deviceId();
        this.clientIp = applicant.clientIp();
        this.amount = terms.amount();
        this.termDays = terms.termDays();
        this.purpose = terms.purpose();
        this.status = ApplicationState.UNDER_REVIEW;
        this.currentStep = ApplicationStep.RISK_CHECKS;
        this.riskChecks = List.of();
        this.submittedAt = submittedAt;
        this.updatedAt = submittedAt;
    }

    void index(BlindIndex blindIndex) {
        idNumberIndex = blindIndex.of(BlindIndex.ID_NUMBER, idNumber);
        phoneIndex = blindIndex.of(BlindIndex.PHONE, phone);
    }

    /** The workflow input that starts this application's flow, or resumes it where it was recorded. */
    public LoanApplicationInput toWorkflowInput() {
        ResumePoint resume = null;
        if (decision != null && (!status.isFinal() || currentStep == ApplicationStep.NOTIFYING)) {
            resume = new ResumePoint(status, revision, riskChecks, decision, decidedAt, reviewDeadline,
                    payout == null ? 0 : payout.attempt(), payout == null ? null : payout.channel(), review);
        }
        return new LoanApplicationInput(id.toString(), applicant(), terms(), submittedAt, resume);
    }

    public Applicant applicant() {
        return new Applicant(applicantName, idNumber, phone, bankCard, deviceId, clientIp);
    }

    public LoanTerms terms() {
        return new LoanTerms(amount, termDays, purpose);
    }

    public UUID getId() {
        return id;
    }

    /** The blind index of the applicant's phone: whose application this is, without the number. */
    public String getPhoneIndex() {
        return phoneIndex;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public String getRequestFingerprint() {
        return requestFingerprint;
    }

    public ApplicationState getStatus() {
        return status;
    }

    public int getRevision() {
        return revision;
    }
}
