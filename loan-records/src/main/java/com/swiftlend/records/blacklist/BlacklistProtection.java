package com.swiftlend.records.blacklist;

import com.swiftlend.protection.field.ProtectedTable;
import com.swiftlend.protection.field.ProtectedTable.IndexedColumn;
import com.swiftlend.protection.index.BlindIndex;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The blacklist holds blind indexes only. Entries made before V4 kept their identifiers in
 * {@code legacy_*} columns; the re-encryption job indexes and empties them.
 */
@Configuration(proxyBeanMethods = false)
class BlacklistProtection {

    @Bean
    ProtectedTable blacklistTable() {
        return new ProtectedTable("blacklist_entry", "id", List.of(), List.of(
                new IndexedColumn("id_number_index", "legacy_id_number", BlindIndex.ID_NUMBER, true),
                new IndexedColumn("phone_index", "legacy_phone", BlindIndex.PHONE, true)));
    }
}
