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
    static final String NAME = "applicant_name";
    static final String ID_NUMBER = "id_number";
    static final String PHONE = "phone";
    static final String BANK_CARD = "bank_card";
    static final String DEVICE_ID = "device_id";
    static final String CLIENT_IP = "client_ip";

    @Bean
    ProtectedTable loanApplicationTable() {
        return new ProtectedTable(TABLE, "id", List.of(NAME, ID_NUMBER, PHONE, BANK_CARD, DEVICE_ID, CLIENT_IP),
                List.of(new IndexedColumn("id_number_index", ID_NUMBER, BlindIndex.ID_NUMBER, false),
                        new IndexedColumn("phone_index", PHONE, BlindIndex.PHONE, false),
                        new IndexedColumn("device_id_index", DEVICE_ID, BlindIndex.DEVICE, false),
                        new IndexedColumn("client_ip_index", CLIENT_IP, BlindIndex.CLIENT_IP, false)));
    }
}
