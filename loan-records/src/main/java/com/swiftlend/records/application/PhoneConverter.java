package com.swiftlend.records.application;

import com.swiftlend.protection.field.FieldEncryption;
import jakarta.persistence.Converter;

@Converter
class PhoneConverter extends EncryptedColumnConverter {

    static final String COLUMN = LoanApplicationProtection.TABLE + ".phone";

    PhoneConverter(FieldEncryption encryption) {
        super(encryption, COLUMN);
    }
}
