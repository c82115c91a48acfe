package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.swiftlend.records.ruleset.RuleSetStatus;
import com.swiftlend.records.ruleset.RuleSets;
import java.sql.Timestamp;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What a release does to the stored policy (issue 10): a newly shipped rule set replaces a shipped
 * version nobody changed, and never a version business users published. Leaves the shipped
 * version active, as the rest of the suite expects.
 */
@SystemTest
class RuleSetSeedTest {

    @Autowired
    RuleSets ruleSets;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void givenTheShippedVersionActive_aNewReleaseActivatesItsOwn_butNotOverAVersionBusinessUsersPublished() {
        String shipped = ruleSets.activeVersion().orElseThrow();
        RuleSets.Content content = ruleSets.content(shipped).orElseThrow();
        try {
            assertThat(ruleSets.seed(shipped, content)).as("the same release again").isFalse();

            assertThat(ruleSets.seed("upgrade-test-1", content)).isTrue();
            assertThat(ruleSets.activeVersion()).contains("upgrade-test-1");
            assertThat(ruleSets.find(shipped).orElseThrow().status()).isEqualTo(RuleSetStatus.RETIRED);

            Timestamp now = Timestamp.from(Instant.now());
            jdbc.update("""
                    insert into rule_set (version, status, dmn_xml, test_cases, author, approver, created_at, approved_at)
                    values ('upgrade-test-owned', 'APPROVED', ?, ?::jsonb, 'staff:editor', 'staff:editor2', ?, ?)""",
                    content.dmnXml(), content.testCasesJson(), now, now);
            ruleSets.publish("upgrade-test-owned");

            assertThat(ruleSets.seed("upgrade-test-2", content)).isTrue();
            assertThat(ruleSets.activeVersion()).contains("upgrade-test-owned");
            assertThat(ruleSets.find("upgrade-test-2").orElseThrow().status()).isEqualTo(RuleSetStatus.APPROVED);
        } finally {
            if (!ruleSets.activeVersion().orElseThrow().equals(shipped)) {
                ruleSets.publish(shipped);
            }
        }
    }
}
