package com.swiftlend.workflows.application;

import java.time.Instant;

/** Starts one application's workflow; {@code resume} is null for a new application. */
public record LoanApplicationInput(
        String applicationId,
        Applicant applicant,
        LoanTerms terms,
        Instant submittedAt,
        ResumePoint resume) {
}
