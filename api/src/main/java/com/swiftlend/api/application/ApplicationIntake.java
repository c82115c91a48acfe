package com.swiftlend.api.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.swiftlend.protection.index.BlindIndex;
import com.swiftlend.records.application.LoanApplication;
import com.swiftlend.records.application.LoanApplicationRepository;
import com.swiftlend.records.audit.ConsentSeal;
import com.swiftlend.records.audit.AuditTrail;
import com.swiftlend.workflows.application.Applicant;
import com.swiftlend.workflows.application.LoanTerms;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes an application in exactly once per idempotency key: the same key with the same body is
 * the same application (a client retrying after a lost answer), with another body a conflict.
 * The row is stored before its workflow starts, so nothing accepted is lost if the start fails:
 * a retry with the same key, or the next start-up, starts it.
 */
@Component
class ApplicationIntake {

    /** What happened to a submission: the application it names and whether it is new. */
    record Submission(LoanApplication application, boolean created) {
    }

    static class IdempotencyConflictException extends RuntimeException {
        IdempotencyConflictException() {
            super("This Idempotency-Key was already used with a different request body.");
        }
    }

    private final LoanApplicationRepository applications;
    private final WorkflowStarter starter;
    private final Clock clock;
    private final ObjectMapper canonical;
    private final BlindIndex blindIndex;
    private final AuditTrail audit;
    private final ConsentSeal consentSeal;
    private final TransactionTemplate transactions;

    ApplicationIntake(LoanApplicationRepository applications, WorkflowStarter starter, Clock clock,
            BlindIndex blindIndex, AuditTrail audit, ConsentSeal consentSeal, TransactionTemplate transactions) {
        this.applications = applications;
        this.audit = audit;
        this.consentSeal = consentSeal;
        this.transactions = transactions;
        this.blindIndex = blindIndex;
        this.starter = starter;
        this.clock = clock;
        // A fixed field order and plain numbers, so equal requests always hash alike.
        this.canonical = new ObjectMapper().registerModule(new JavaTimeModule())
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    Submission submit(String idempotencyKey, ApplicationRequest request, String clientIp) {
        String fingerprint = fingerprint(request);
        Optional<LoanApplication> existing = applications.findByIdempotencyKey(idempotencyKey);
        if (existing.isPresent()) {
            return replay(existing.get(), fingerprint);
        }
        Instant submittedAt = Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
        LoanApplication application = new LoanApplication(UUID.randomUUID(), idempotencyKey, fingerprint,
                new Applicant(request.name().strip(), request.idNumber().toUpperCase(Locale.ROOT), request.phone(),
                        request.bankCard(), request.deviceId(), clientIp),
                new LoanTerms(request.amount(), request.termDays(), request.purpose()), submittedAt);
        try {
            // The consent is stored with the application or not at all: no application without it.
            LoanApplication unsaved = application;
            application = transactions.execute(status -> {
                LoanApplication stored = applications.saveAndFlush(unsaved);
                audit.append(consentSeal.consent(stored.getId(), request.consent().termsVersion(),
                        request.consent().shownAt(), request.consent().accepted(), submittedAt,
                        stored.applicant()));
                return stored;
            });
        } catch (DataIntegrityViolationException raced) {
            // Another request with the same key won the insert: answer as its replay.
            return replay(applications.findByIdempotencyKey(idempotencyKey).orElseThrow(() -> raced), fingerprint);
        }
        starter.start(application);
        return new Submission(application, true);
    }

    private Submission replay(LoanApplication application, String fingerprint) {
        if (!application.getRequestFingerprint().equals(fingerprint)) {
            throw new IdempotencyConflictException();
        }
        if (application.getRevision() == 0) {
            // The first attempt may have stored the row and failed to start the workflow.
            starter.start(application);
        }
        return new Submission(application, false);
    }

    String fingerprint(ApplicationRequest request) {
        try {
            ApplicationRequest normal = new ApplicationRequest(request.name(), request.idNumber(), request.phone(),
                    request.bankCard(), request.amount().stripTrailingZeros(), request.termDays(), request.purpose(),
                    request.deviceId(), request.consent());
            // Keyed (HMAC under the blind-index key), not a plain SHA-256: the body holds the ID,
            // card and phone numbers, and a plain hash of few-billion-value identifiers is reversed
            // by enumeration.
            return blindIndex.of(BlindIndex.REQUEST, canonical.writeValueAsString(normal));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot fingerprint an application request", e);
        }
    }
}
