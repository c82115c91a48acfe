package com.swiftlend.records.application;

import com.swiftlend.protection.field.FieldEncryption;
import jakarta.persistence.Converter;

@Converter
class IdNumberConverter extends EncryptedColumnConverter {

    static final String COLUMN = LoanApplicationProtection.TABLE + ".id_number";

    IdNumberConverter(FieldEncryption encryption) {
        super(encryption, COLUMN);
    }
}
