package com.swiftlend.records.application;

import com.swiftlend.protection.field.FieldEncryption;
import jakarta.persistence.Converter;

@Converter
class BankCardConverter extends EncryptedColumnConverter {

    static final String COLUMN = LoanApplicationProtection.TABLE + ".bank_card";

    BankCardConverter(FieldEncryption encryption) {
        super(encryption, COLUMN);
    }
}
