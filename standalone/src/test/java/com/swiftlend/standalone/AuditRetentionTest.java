package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.swiftlend.records.audit.ConsentSeal;
import com.swiftlend.workflows.application.Applicant;
import com.swiftlend.records.audit.AuditRetention;
import com.swiftlend.records.audit.AuditTrail;
import java.util.UUID;
import java.time.Instant;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

@SystemTest
class AuditRetentionTest {

    @Autowired
    AuditRetention retention;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AuditTrail audit;

    @Autowired
    ConsentSeal consentSeal;

    @Test
    void givenDefaults_whenStarted_auditRecordsAreKeptTenYears() {
        assertThat(retention.retention()).isEqualTo(Period.ofYears(10));
    }

    @Test
    void givenARetentionShorterThanTheStatutoryFiveYears_whenConfigured_itIsRefused() {
        assertThatThrownBy(() -> new AuditRetention(Period.ofYears(3), jdbc))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("statutory minimum");
    }

    @Test
    void givenTheTrailNow_whenCountingPastRetention_onlyRecordsOlderThanTheRetentionCount() {
        audit.append(consentSeal.consent(UUID.randomUUID(), "2026-11-01", Instant.now(), true, Instant.now(),
                new Applicant("x", "x", "x", "x", "retention-test-device", "127.0.0.1")));
        long today = retention.pastRetention(Instant.now());
        long inElevenYears = retention.pastRetention(Instant.now().plus(11 * 366, ChronoUnit.DAYS));
        long total = jdbc.queryForObject("select count(*) from audit_record", Long.class);

        assertThat(today).isZero();
        assertThat(inElevenYears).isPositive().isEqualTo(total);
    }
}
