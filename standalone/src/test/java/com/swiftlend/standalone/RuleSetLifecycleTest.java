package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.swiftlend.activities.decision.ChallengerTraffic;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Credit policy owned by business users (issue 10), through the API of the running system: a draft
 * is refused with every problem located, a valid one needs a second editor's approval, and once
 * published it decides the next application on the running workers without a restart; rolling
 * back is publishing the earlier version. The test leaves the shipped version active, as it found it.
 */
@SystemTest
class RuleSetLifecycleTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    ChallengerTraffic traffic;

    private SystemClient client;
    private Applicants applicants;

    @BeforeEach
    void setUp() {
        client = new SystemClient(port);
        applicants = new Applicants(port);
    }

    @Test
    void givenAThresholdChange_whenDraftedApprovedByAnotherEditorAndPublished_theNextApplicationIsDecidedByIt()
            throws Exception {
        String editor = client.staffToken("editor");
        String editor2 = client.staffToken("editor2");
        JsonNode shipped = client.getAs(editor, "/api/v1/rulesets/active").body();
        assertThat(shipped.get("status").asText()).isEqualTo("ACTIVE");
        String shippedVersion = shipped.get("version").asText();
        String xml = shipped.get("dmnXml").asText();
        String lowered = RuleSetEdits.lowerNewCustomerCaps(xml);
        assertThat(lowered).isNotEqualTo(xml);
        List<JsonNode> cases = RuleSetEdits.withLoweredCaps(shipped.get("testCases"));
        String broken = lowered.replaceFirst("(id=\"grade_b_in_probabilityOfDefault\">\\s*<text>)[^<]*",
                "$1[0.05..probabilityOfDefalt[");
        try {
            SystemClient.Answer refused = client.postAs(editor, "/api/v1/rulesets", submission(broken, cases));

            assertThat(refused.status()).isEqualTo(422);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("errors")).anySatisfy(error -> {
                assertThat(error.get("rule").asText()).isEqualTo("grade_b");
                assertThat(error.get("decision").asText()).isEqualTo("riskGrade");
                assertThat(error.get("column").asText()).contains("probabilityOfDefault");
                assertThat(error.get("message").asText()).contains("probabilityOfDefalt");
            });
            SystemClient.Answer staleCases = client.postAs(editor, "/api/v1/rulesets",
                    submission(lowered, iterable(shipped.get("testCases"))));
            assertThat(staleCases.status()).isEqualTo(422);
            assertThat(staleCases.body().get("errors")).allSatisfy(error ->
                    assertThat(error.get("testCase").asText()).isNotBlank());

            SystemClient.Answer drafted = client.postAs(editor, "/api/v1/rulesets", submission(lowered, cases));

            assertThat(drafted.status()).as(String.valueOf(drafted.body())).isEqualTo(201);
            String version = drafted.body().get("version").asText();
            JsonNode underShipped = client.awaitDecidedWith(applicants, shippedVersion);
            SystemClient.Answer backTest = client.postAs(editor, "/api/v1/rulesets/" + version + "/backtest",
                    "{\"last\":200}");
            assertThat(backTest.status()).as(String.valueOf(backTest.body())).isEqualTo(200);
            JsonNode report = backTest.body().get("report");
            assertThat(backTest.body().get("against").asText()).isEqualTo(shippedVersion);
            assertThat(report.get("applications").asInt()).isPositive();
            assertThat(report.get("changes")).as(report.toString()).anySatisfy(change -> {
                assertThat(change.get("applicationId").asText()).isEqualTo(underShipped.get("id").asText());
                assertThat(change.get("baseline").get("approvedAmount").decimalValue()).isEqualByComparingTo("2000");
                assertThat(change.get("candidate").get("approvedAmount").decimalValue()).isEqualByComparingTo("1500");
            });
            assertThat(report.get("candidate").get("overall").get("totalApprovedAmount").decimalValue())
                    .isLessThan(report.get("baseline").get("overall").get("totalApprovedAmount").decimalValue());
            assertThat(report.get("candidate").get("coverage").get("neverFired").toString())
                    .contains("rule_blacklisted");
            assertThat(drafted.body().get("status").asText()).isEqualTo("DRAFT");
            assertThat(client.postAs(editor, "/api/v1/rulesets/" + version + "/publish", "").status())
                    .as("publishing an unapproved draft").isEqualTo(409);
            SystemClient.Answer ownApproval = client.postAs(editor, "/api/v1/rulesets/" + version + "/approve", "");
            assertThat(ownApproval.status()).isEqualTo(403);
            assertThat(ownApproval.contentType()).startsWith("application/problem+json");
            SystemClient.Answer approved = client.postAs(editor2, "/api/v1/rulesets/" + version + "/approve", "");
            assertThat(approved.status()).isEqualTo(200);
            assertThat(approved.body().get("approver").asText()).isEqualTo("staff:editor2");

            SystemClient.Answer published = client.postAs(editor, "/api/v1/rulesets/" + version + "/publish", "");

            assertThat(published.status()).isEqualTo(200);
            assertThat(published.body().get("status").asText()).isEqualTo("ACTIVE");
            assertThat(client.getAs(editor, "/api/v1/rulesets/" + shippedVersion).body().get("status").asText())
                    .isEqualTo("RETIRED");
            JsonNode decided = client.awaitDecidedWith(applicants, version);
            assertThat(decided.get("decision").get("approvedAmount").decimalValue()).isEqualByComparingTo("1500");
            assertThat(decided.get("decision").get("matchedRules").toString()).containsAnyOf("rule_low_risk\"",
                    "rule_moderate_risk\"");
            SystemClient.Answer explained = client.getAs(client.operatorToken(), "/api/v1/applications/"
                    + decided.get("id").asText() + "/decision/explain");
            assertThat(explained.status()).as(String.valueOf(explained.body())).isEqualTo(200);
            assertThat(explained.body().get("ruleSetVersion").asText()).isEqualTo(version);
            assertThat(explained.body().get("reproducible").asBoolean()).isTrue();
            assertThat(explained.body().get("reproduced").get("approvedAmount").decimalValue())
                    .isEqualByComparingTo("1500");
            assertThat(explained.body().get("inputs").get("probabilityOfDefault").isNumber()).isTrue();
            assertThat(jdbc.queryForList("select kind from audit_record where kind like 'RULE_SET_%' and reference"
                    + " like ? order by sequence", String.class, version + "%"))
                    .containsExactly("RULE_SET_DRAFTED", "RULE_SET_APPROVED", "RULE_SET_PUBLISHED");
        } finally {
            // Rolling back is publishing the earlier version; the rest of the suite expects it.
            SystemClient.Answer rolledBack = client.postAs(editor, "/api/v1/rulesets/" + shippedVersion + "/publish",
                    "");
            assertThat(rolledBack.status()).as(String.valueOf(rolledBack.body())).isIn(200, 409);
        }
        assertThat(client.awaitDecidedWith(applicants, shippedVersion).get("decision").get("approvedAmount").decimalValue())
                .isEqualByComparingTo("2000");
    }

    @Test
    void givenAChallenger_itIsEvaluatedInShadowOnItsShareOfApplications_andNeverActedOn() throws Exception {
        String editor = client.staffToken("editor");
        String editor2 = client.staffToken("editor2");
        JsonNode shipped = client.getAs(editor, "/api/v1/rulesets/active").body();
        String champion = shipped.get("version").asText();
        String lowered = RuleSetEdits.lowerNewCustomerCaps(shipped.get("dmnXml").asText());
        List<JsonNode> cases = RuleSetEdits.withLoweredCaps(shipped.get("testCases"));
        String version = client.postAs(editor, "/api/v1/rulesets", submission(lowered, cases)).body().get("version")
                .asText();
        assertThat(client.postAs(editor, "/api/v1/rulesets/" + version + "/challenger", "").status())
                .as("a draft cannot challenge").isEqualTo(409);
        assertThat(client.postAs(editor2, "/api/v1/rulesets/" + version + "/approve", "").status()).isEqualTo(200);
        try {
            SystemClient.Answer challenging = client.postAs(editor, "/api/v1/rulesets/" + version + "/challenger", "");
            assertThat(challenging.status()).as(String.valueOf(challenging.body())).isEqualTo(200);
            assertThat(challenging.body().get("status").asText()).isEqualTo("CHALLENGER");
            assertThat(client.getAs(editor, "/api/v1/rulesets/active").body().get("version").asText())
                    .isEqualTo(champion);

            // Until the workers see the challenger (within a second) no application has a shadow; after
            // that, exactly those in its share do.
            JsonNode shadowed = null;
            String inShare = null;
            for (int attempt = 0; attempt < 60 && shadowed == null; attempt++) {
                JsonNode status = client.submitAndSettle(applicants.creditworthy().body(2000));
                UUID id = UUID.fromString(status.get("id").asText());
                List<java.util.Map<String, Object>> rows = jdbc.queryForList(
                        "select approved_amount, champion_version from shadow_decision where application_id = ?", id);
                if (!traffic.includes(id)) {
                    assertThat(rows).as("outside the challenger's share").isEmpty();
                } else if (!rows.isEmpty()) {
                    shadowed = status;
                    inShare = id.toString();
                    assertThat((java.math.BigDecimal) rows.get(0).get("approved_amount")).isEqualByComparingTo("1500");
                    assertThat(rows.get(0).get("champion_version")).isEqualTo(champion);
                }
            }
            assertThat(shadowed).as("an application in the challenger's share was evaluated in shadow").isNotNull();
            assertThat(shadowed.get("decision").get("ruleSetVersion").asText()).isEqualTo(champion);
            assertThat(shadowed.get("decision").get("approvedAmount").decimalValue()).as("the champion acted")
                    .isEqualByComparingTo("2000");

            SystemClient.Answer report = client.getAs(editor, "/api/v1/rulesets/" + version + "/shadow-report");
            assertThat(report.status()).isEqualTo(200);
            assertThat(report.body().get("applications").asInt()).isPositive();
            String expectedId = inShare;
            assertThat(report.body().get("differences")).anySatisfy(difference -> {
                assertThat(difference.get("applicationId").asText()).isEqualTo(expectedId);
                assertThat(difference.get("champion").get("approvedAmount").decimalValue()).isEqualByComparingTo("2000");
                assertThat(difference.get("challenger").get("approvedAmount").decimalValue())
                        .isEqualByComparingTo("1500");
            });
            assertThat(report.body().get("challengerResults").get("totalApprovedAmount").decimalValue())
                    .isLessThan(report.body().get("championResults").get("totalApprovedAmount").decimalValue());

            SystemClient.Answer retired = client.postAs(editor, "/api/v1/rulesets/" + version + "/retire", "");
            assertThat(retired.status()).isEqualTo(200);
            assertThat(retired.body().get("status").asText()).isEqualTo("RETIRED");
            assertThat(client.postAs(editor, "/api/v1/rulesets/" + champion + "/retire", "").status())
                    .as("the champion is replaced, never retired").isEqualTo(409);
            assertThat(jdbc.queryForList("select kind from audit_record where kind in ('RULE_SET_CHALLENGER',"
                    + " 'RULE_SET_RETIRED') and reference like ? order by sequence", String.class, version + ":%"))
                    .containsExactly("RULE_SET_CHALLENGER", "RULE_SET_RETIRED");
        } finally {
            if ("CHALLENGER".equals(client.getAs(editor, "/api/v1/rulesets/" + version).body().get("status").asText())) {
                client.postAs(editor, "/api/v1/rulesets/" + version + "/retire", "");
            }
        }
    }

    @Test
    void givenRuleSetEndpoints_whenCalledWithoutTheRuleEditorRole_theyAnswer403AndUnknownVersions404()
            throws Exception {
        String operator = client.operatorToken();
        String editor = client.staffToken("editor");

        assertThat(client.getAs(operator, "/api/v1/rulesets").status()).isEqualTo(403);
        assertThat(client.postAs(operator, "/api/v1/rulesets", "{}").status()).isEqualTo(403);
        SystemClient.Answer unknown = client.getAs(editor, "/api/v1/rulesets/no-such-version");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        SystemClient.Answer list = client.getAs(editor, "/api/v1/rulesets");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.body()).anySatisfy(version -> assertThat(version.get("status").asText()).isEqualTo("ACTIVE"));
    }

    @Test
    void givenXmlThatIsNotDmnOrHasAnExternalEntityOrIsTooLarge_whenSubmitted_itIsRefusedAndNothingIsStored()
            throws Exception {
        String editor = client.staffToken("editor");
        Integer before = jdbc.queryForObject("select count(*) from rule_set", Integer.class);

        SystemClient.Answer notDmn = client.postAs(editor, "/api/v1/rulesets", submission("<html/>", List.of()));
        SystemClient.Answer entity = client.postAs(editor, "/api/v1/rulesets", submission(
                "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><d>&x;</d>",
                List.of()));
        SystemClient.Answer blank = client.postAs(editor, "/api/v1/rulesets", "{\"testCases\":[]}");
        SystemClient.Answer large = client.postAs(editor, "/api/v1/rulesets",
                submission("<x>" + "a".repeat(1_100_000) + "</x>", List.of()));

        assertThat(notDmn.status()).isEqualTo(422);
        assertThat(entity.status()).isEqualTo(422);
        assertThat(entity.body().toString()).contains("DOCTYPE").doesNotContain("root:");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.body().toString()).contains("dmnXml");
        assertThat(large.status()).isEqualTo(413);
        for (SystemClient.Answer answer : List.of(notDmn, entity, blank, large)) {
            assertThat(answer.contentType()).startsWith("application/problem+json");
        }
        assertThat(jdbc.queryForObject("select count(*) from rule_set", Integer.class)).isEqualTo(before);
    }

    private static List<JsonNode> iterable(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    private static String submission(String xml, List<JsonNode> testCases) throws Exception {
        ObjectNode body = JSON.createObjectNode();
        body.put("dmnXml", xml);
        body.set("testCases", JSON.valueToTree(testCases));
        body.put("comment", "low-risk cap for the test");
        return JSON.writeValueAsString(body);
    }
}
