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
import com.swiftlend.protection.field.FieldCell;
import com.swiftlend.protection.field.FieldEncryption;
import com.swiftlend.protection.index.BlindIndex;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EntityListeners;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

/**
 * A loan application as the system of record keeps it: what was asked, and its latest status. The
 * applicant's name, ID number, phone, card, device and address are stored encrypted, each bound to
 * its row, and the identifiers also as blind indexes ({@link ApplicantSealing}); callers see
 * plaintext.
 */
@Entity
@Table(name = "loan_application")
@EntityListeners(ApplicantSealing.class)
public class LoanApplication implements Persistable<UUID> {

    @Id
    private UUID id;

    @Column(name = "idempotency_key", nullable = false, updatable = false)
    private String idempotencyKey;

    @Column(name = "request_fingerprint", nullable = false, updatable = false)
    private String requestFingerprint;

    // The personal-data columns hold what ApplicantSealing wrote: ciphertexts bound to this row
    // and blind indexes (the indexes of rows older than V4 and V12 are written by the re-encryption
    // job). The plaintext is the transient applicant.
    @Column(name = "applicant_name", nullable = false, updatable = false)
    private String sealedName;

    @Column(name = "id_number", nullable = false, updatable = false)
    private String sealedIdNumber;

    @Column(name = "phone", nullable = false, updatable = false)
    private String sealedPhone;

    @Column(name = "bank_card", nullable = false, updatable = false)
    private String sealedBankCard;

    @Column(name = "device_id", nullable = false, updatable = false)
    private String sealedDeviceId;

    @Column(name = "client_ip", nullable = false, updatable = false)
    private String sealedClientIp;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "id_number_index", length = 64, updatable = false)
    private String idNumberIndex;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "phone_index", length = 64, updatable = false)
    private String phoneIndex;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "device_id_index", length = 64, updatable = false)
    private String deviceIdIndex;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "client_ip_index", length = 64, updatable = false)
    private String clientIpIndex;

    @Transient
    private Applicant applicant;

    // An application is inserted once and never re-created, so "new" is known here: without it,
    // Spring Data would take the assigned id for a stored row and merge (a select, and a copy
    // that loses the transient applicant) instead of persisting.
    @Transient
    private boolean stored;

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
        this.applicant = applicant;
        this.amount = terms.amount();
        this.termDays = terms.termDays();
        this.purpose = terms.purpose();
        this.status = ApplicationState.UNDER_REVIEW;
        this.currentStep = ApplicationStep.RISK_CHECKS;
        this.riskChecks = List.of();
        this.submittedAt = submittedAt;
        this.updatedAt = submittedAt;
    }

    /** Encrypts the applicant into this row's cells and indexes the identifiers; once, as it is stored. */
    void seal(FieldEncryption encryption, BlindIndex blindIndex) {
        sealedName = encryption.encrypt(applicant.name(), cell(LoanApplicationProtection.NAME));
        sealedIdNumber = encryption.encrypt(applicant.idNumber(), cell(LoanApplicationProtection.ID_NUMBER));
        sealedPhone = encryption.encrypt(applicant.phone(), cell(LoanApplicationProtection.PHONE));
        sealedBankCard = encryption.encrypt(applicant.bankCard(), cell(LoanApplicationProtection.BANK_CARD));
        sealedDeviceId = encryption.encrypt(applicant.deviceId(), cell(LoanApplicationProtection.DEVICE_ID));
        sealedClientIp = encryption.encrypt(applicant.clientIp(), cell(LoanApplicationProtection.CLIENT_IP));
        idNumberIndex = blindIndex.of(BlindIndex.ID_NUMBER, applicant.idNumber());
        phoneIndex = blindIndex.of(BlindIndex.PHONE, applicant.phone());
        deviceIdIndex = blindIndex.of(BlindIndex.DEVICE, applicant.deviceId());
        clientIpIndex = blindIndex.of(BlindIndex.CLIENT_IP, applicant.clientIp());
    }

    /** Decrypts the applicant from this row's cells; a cell that is not this row's own fails. */
    void open(FieldEncryption encryption) {
        applicant = new Applicant(
                encryption.decrypt(sealedName, cell(LoanApplicationProtection.NAME)),
                encryption.decrypt(sealedIdNumber, cell(LoanApplicationProtection.ID_NUMBER)),
                encryption.decrypt(sealedPhone, cell(LoanApplicationProtection.PHONE)),
                encryption.decrypt(sealedBankCard, cell(LoanApplicationProtection.BANK_CARD)),
                encryption.decrypt(sealedDeviceId, cell(LoanApplicationProtection.DEVICE_ID)),
                encryption.decrypt(sealedClientIp, cell(LoanApplicationProtection.CLIENT_IP)));
    }

    @PostPersist
    @PostLoad
    void markStored() {
        stored = true;
    }

    @Override
    public boolean isNew() {
        return !stored;
    }

    private FieldCell cell(String column) {
        return FieldCell.of(LoanApplicationProtection.TABLE, column, id);
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
        return applicant;
    }

    public LoanTerms terms() {
        return new LoanTerms(amount, termDays, purpose);
    }

    @Override
    public UUID getId() {
        return id;
    }

    /** The blind index of the applicant's phone: whose application this is, without the number. */
    public String getPhoneIndex() {
        return phoneIndex;
    }

    /** The blind index of the applicant's ID number: the same person across applications, without the number. */
    public String getIdNumberIndex() {
        return idNumberIndex;
    }

    public Instant getSubmittedAt() {
        return submittedAt;
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
