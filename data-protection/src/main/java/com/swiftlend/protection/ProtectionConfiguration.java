package com.swiftlend.protection;

import com.swiftlend.protection.field.FieldEncryption;
import com.swiftlend.protection.field.FieldKeyRotation;
import com.swiftlend.protection.field.FieldKeyRotationSchedule;
import com.swiftlend.protection.field.ProtectedTable;
import com.swiftlend.protection.index.BlindIndex;
import com.swiftlend.protection.keys.DataKeyRing;
import com.swiftlend.protection.kms.KeyManagementService;
import com.swiftlend.protection.kms.LocalKeyManagementService;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keys and cryptography for personal data, for every process that scans {@code com.swiftlend}.
 * Without a key-encryption key the process refuses to start: it could not store an application.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProtectionProperties.class)
public class ProtectionConfiguration {

    @Bean
    @ConditionalOnProperty(name = "swiftlend.protection.kms.provider", havingValue = "local", matchIfMissing = true)
    KeyManagementService localKeyManagementService(ProtectionProperties properties) {
        return new LocalKeyManagementService(properties.kms().localKeyFile());
    }

    @Bean
    DataKeyRing dataKeyRing(JdbcTemplate jdbc, DataSource dataSource, KeyManagementService kms,
            ProtectionProperties properties, ObjectProvider<Clock> clock) {
        // Its own JDBC transaction manager, not the application's JPA one: Hibernate builds the
        // converters, which need this ring, while the JPA transaction manager waits for Hibernate.
        // It still joins and suspends a JPA transaction, which binds its connection to this DataSource.
        return new DataKeyRing(jdbc, new DataSourceTransactionManager(dataSource), kms,
                clock.getIfAvailable(Clock::systemUTC), properties.keys().refresh());
    }

    @Bean
    FieldEncryption fieldEncryption(DataKeyRing keys, ProtectionProperties properties) {
        return new FieldEncryption(keys, properties.migrationMode());
    }

    @Bean
    BlindIndex blindIndex(DataKeyRing keys) {
        return new BlindIndex(keys);
    }

    @Bean
    FieldKeyRotation fieldKeyRotation(JdbcTemplate jdbc, PlatformTransactionManager transactions,
            FieldEncryption encryption, BlindIndex blindIndex, DataKeyRing keys,
            ObjectProvider<ProtectedTable> tables, ProtectionProperties properties) {
        return new FieldKeyRotation(jdbc, new TransactionTemplate(transactions), encryption, blindIndex, keys,
                tables.orderedStream().toList(), properties.rotation().chunkSize());
    }

    @Bean
    FieldKeyRotationSchedule fieldKeyRotationSchedule(FieldKeyRotation rotation, ProtectionProperties properties) {
        return new FieldKeyRotationSchedule(rotation, properties.rotation().reencryptOnStart(),
                properties.rotation().reencryptInterval());
    }
}
