package com.swiftlend.records.application;

import com.swiftlend.protection.field.FieldEncryption;
import jakarta.persistence.AttributeConverter;

/**
 * Encrypts one personal-data column on its way to the database and decrypts it on the way back,
 * so the code above the entity only ever sees plaintext. Hibernate obtains converters from Spring
 * (Boot registers its SpringBeanContainer), which is how {@link FieldEncryption} is injected. Each
 * column has its own subclass because the column's name is the ciphertext's associated data.
 */
abstract class EncryptedColumnConverter implements AttributeConverter<String, String> {

    private final FieldEncryption encryption;
    private final String column;

    EncryptedColumnConverter(FieldEncryption encryption, String column) {
        this.encryption = encryption;
        this.column = column;
    }

    @Override
    public String convertToDatabaseColumn(String plaintext) {
        return encryption.encrypt(plaintext, column);
    }

    @Override
    public String convertToEntityAttribute(String stored) {
        return encryption.decrypt(stored, column);
    }
}
