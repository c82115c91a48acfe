package com.swiftlend.records.application;

import com.swiftlend.protection.index.BlindIndex;
import jakarta.persistence.PrePersist;

/**
 * Computes a new application's blind indexes as it is stored, so no caller can store one that
 * blacklist, duplicate and velocity lookups would miss. Hibernate obtains entity listeners from
 * Spring (Boot registers its SpringBeanContainer), which is how {@link BlindIndex} is injected.
 */
class ApplicantIndexing {

    private final BlindIndex blindIndex;

    ApplicantIndexing(BlindIndex blindIndex) {
        this.blindIndex = blindIndex;
    }

    @PrePersist
    void index(LoanApplication application) {
        application.index(blindIndex);
    }
}
