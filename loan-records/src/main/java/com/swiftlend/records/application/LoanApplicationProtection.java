package com.swiftlend.records.application;

import com.swiftlend.protection.field.ProtectedTable;
import com.swiftlend.protection.field.ProtectedTable.IndexedColumn;
import com.swiftlend.protection.index.BlindIndex;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The personal data of {@code loan_application}, as the re-encryption job sees it. */
@Configuration(proxyBeanMethods = false)
class LoanApplicationProtection {

    static final String TABLE = "loan_application";

    @Bean
    ProtectedTable loanApplicationTable() {
        return new ProtectedTable(TABLE, "id", List.of("applicant_name", "id_number", "phone", "bank_card"), List.of(
                new IndexedColumn("id_number_index", "id_number", BlindIndex.ID_NUMBER, false),
                new IndexedColumn("phone_index", "phone", BlindIndex.PHONE, false)));
    }
}
