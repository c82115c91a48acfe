package com.swiftlend.records.application;

import com.swiftlend.protection.field.FieldEncryption;
import jakarta.persistence.Converter;

@Converter
class ApplicantNameConverter extends EncryptedColumnConverter {

    static final String COLUMN = LoanApplicationProtection.TABLE + ".applicant_name";

    ApplicantNameConverter(FieldEncryption encryption) {
        super(encryption, COLUMN);
    }
}
