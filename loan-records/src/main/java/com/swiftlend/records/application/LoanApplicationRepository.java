package com.swiftlend.records.application;

import com.swiftlend.workflows.application.ApplicationState;
import com.swiftlend.workflows.application.ApplicationStep;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface LoanApplicationRepository extends JpaRepository<LoanApplication, UUID> {

    Optional<LoanApplication> findByIdempotencyKey(String idempotencyKey);

    List<LoanApplication> findByStatusInOrderBySubmittedAt(Collection<ApplicationState> statuses);

    /** Applications decided for good whose borrower may not have been told: stopped while notifying. */
    List<LoanApplication> findByCurrentStepOrderBySubmittedAt(ApplicationStep step);

    /** An applicant's applications, by {@code BlindIndex.of(BlindIndex.ID_NUMBER, idNumber)}. */
    List<LoanApplication> findByIdNumberIndexOrderBySubmittedAt(String idNumberIndex);

    /** How many of one applicant's applications submitted before a moment ended in a state, e.g. paid out. */
    long countByIdNumberIndexAndStatusAndSubmittedAtBefore(String idNumberIndex, ApplicationState status,
            Instant before);

    /** Applications giving one phone, by {@code BlindIndex.of(BlindIndex.PHONE, phone)}. */
    List<LoanApplication> findByPhoneIndexOrderBySubmittedAt(String phoneIndex);
}
