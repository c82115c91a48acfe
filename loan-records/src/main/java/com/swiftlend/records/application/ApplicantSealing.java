package com.swiftlend.records.application;

import com.swiftlend.protection.field.FieldEncryption;
import com.swiftlend.protection.index.BlindIndex;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PrePersist;

/**
 * Seals a new application's personal data as it is stored (each value encrypted and bound to its
 * row, identifiers blind-indexed) and opens it as it is loaded, so the code above the entity only
 * sees plaintext and no caller can store a row that blacklist, duplicate and velocity lookups would
 * miss. An entity listener rather than attribute converters: a converter sees one value, never the
 * row it belongs to. Hibernate obtains entity listeners from Spring (Boot registers its
 * SpringBeanContainer), which is how the beans are injected.
 */
class ApplicantSealing {

    private final FieldEncryption encryption;
    private final BlindIndex blindIndex;

    ApplicantSealing(FieldEncryption encryption, BlindIndex blindIndex) {
        this.encryption = encryption;
        this.blindIndex = blindIndex;
    }

    @PrePersist
    void seal(LoanApplication application) {
        application.seal(encryption, blindIndex);
    }

    @PostLoad
    void open(LoanApplication application) {
        application.open(encryption);
    }
}
