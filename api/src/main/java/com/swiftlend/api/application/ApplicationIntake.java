package com.swiftlend.api.application;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.swiftlend.records.application.LoanApplication;
import com.swiftlend.records.application.LoanApplicationRepository;
import com.swiftlend.workflows.application.Applicant;
import com.swiftlend.workflows.application.LoanTerms;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

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

    ApplicationIntake(LoanApplicationRepository applications, WorkflowStarter starter, Clock clock) {
        this.applications = applications;
        this.starter = starter;
        this.clock = clock;
        // A fixed field order and plain numbers, so equal requests always hash alike.
        this.canonical = new ObjectMapper()
                .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);
    }

    Submission submit(String idempotencyKey, ApplicationRequest request, String clientIp) {
        String fingerprint = fingerprint(request);
        Optional<LoanApplication> existing = applications.findByIdempotencyKey(idempotencyKey);
        if (existing.isPresent()) {
            return replay(existing.get(), fingerprint);
        }
        LoanApplication application = new LoanApplication(UUID.randomUUID(), idempotencyKey, fingerprint,
                new Applicant(request.name().strip(), request.idNumber().toUpperCase(Locale.ROOT), request.phone(),
                        request.bankCard(), request.deviceId(), clientIp),
                new LoanTerms(request.amount(), request.termDays(), request.purpose()),
                Instant.now(clock).truncatedTo(ChronoUnit.MICROS));
        try {
            application = applications.saveAndFlush(application);
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
                    request.deviceId());
            byte[] body = canonical.writeValueAsBytes(normal);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("Cannot fingerprint an application request", e);
        }
    }
}
