package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.swiftlend.scoring.ShippedModel;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The credit model registry (issue 11) through the API of the running system: a version is stored
 * only once its PMML reproduces its own verification records, and the champion keeps serving
 * whatever is refused; a challenger is scored in shadow on the same applications and never changes
 * an outcome; a promotion reaches the workers without a restart. The test leaves the shipped
 * model the champion, as it found it.
 */
@SystemTest
class ModelRegistryTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    private SystemClient client;
    private Applicants applicants;
    private String editor;
    private final ShippedModel shipped = ShippedModel.load();

    @BeforeEach
    void setUp() throws Exception {
        client = new SystemClient(port);
        applicants = new Applicants(port);
        editor = client.staffToken("editor");
    }

    @Test
    void theShippedModelIsTheChampion_listedWithItsCard_andOnlyRuleEditorsSeeTheRegistry() throws Exception {
        SystemClient.Answer list = client.getAs(editor, "/api/v1/models");

        assertThat(list.status()).isEqualTo(200);
        JsonNode champion = null;
        for (JsonNode model : list.body()) {
            if (model.get("version").asText().equals(ShippedModel.VERSION)) {
                champion = model;
            }
        }
        assertThat(champion).isNotNull();
        assertThat(champion.get("role").asText()).isEqualTo("CHAMPION");
        assertThat(champion.get("card").get("dataset").asText()).contains("Taiwan");
        assertThat(champion.get("card").get("auc").asDouble()).isBetween(0.77, 0.80);
        assertThat(champion.get("card").get("ks").asDouble()).isPositive();
        assertThat(champion.get("card").get("gini").asDouble()).isPositive();
        JsonNode detail = client.getAs(editor, "/api/v1/models/" + ShippedModel.VERSION).body();
        assertThat(detail.get("featureMapping").get("inputs").get("age").asText()).isEqualTo("applicant.age");
        assertThat(detail.get("card").get("features")).hasSize(20);

        assertThat(client.getAs(client.operatorToken(), "/api/v1/models").status()).isEqualTo(403);
        assertThat(client.getAs(null, "/api/v1/models").status()).isEqualTo(401);
        assertThat(client.getAs(editor, "/api/v1/models/no-such-model").status()).isEqualTo(404);
    }

    @Test
    void aPmmlThatDoesNotReproduceItsVerificationRecordsIs422_andTheChampionKeepsServing() throws Exception {
        String version = "tampered-" + UUID.randomUUID().toString().substring(0, 8);
        String pmml = new String(shipped.pmml(), StandardCharsets.UTF_8);
        int leaf = pmml.indexOf("score=\"", pmml.indexOf("<Node"));
        String tampered = pmml.substring(0, leaf + 7) + "3.5" + pmml.substring(pmml.indexOf('"', leaf + 7));

        SystemClient.Answer refused = upload(version, tampered.getBytes(StandardCharsets.UTF_8));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.body().get("detail").asText()).contains("verification");
        assertThat(client.getAs(editor, "/api/v1/models/" + version).status()).isEqualTo(404);
        assertThat(jdbc.queryForObject("select count(*) from credit_model where version = ?", Integer.class, version))
                .isZero();
        JsonNode decided = client.submitAndSettle(applicants.creditworthy().body(2000));
        assertThat(decided.get("decision").get("modelVersion").asText()).isEqualTo(ShippedModel.VERSION);
        assertThat(decided.get("status").asText()).isEqualTo("DISBURSED");
    }

    @Test
    void malformedOrOversizedUploadsAre4xxProblems_never5xx() throws Exception {
        Map<String, byte[]> noMapping = new LinkedHashMap<>();
        noMapping.put("pmml", shipped.pmml());
        noMapping.put("card", shipped.card());
        SystemClient.Answer missing = client.postFilesAs(editor, "/api/v1/models", noMapping);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.contentType()).startsWith("application/problem+json");

        Map<String, byte[]> notJson = files(shipped.pmml(), "{not json".getBytes(StandardCharsets.UTF_8),
                shipped.featureMapping());
        SystemClient.Answer badCard = client.postFilesAs(editor, "/api/v1/models", notJson);
        assertThat(badCard.status()).isEqualTo(400);
        assertThat(badCard.body().get("errors").findValuesAsText("field")).contains("card");

        byte[] huge = new byte[17 * 1024 * 1024];
        SystemClient.Answer oversized = client.postFilesAs(editor, "/api/v1/models",
                files(huge, shipped.card(), shipped.featureMapping()));
        assertThat(oversized.status()).isEqualTo(413);
        assertThat(oversized.contentType()).startsWith("application/problem+json");

        SystemClient.Answer notMultipart = client.postAs(editor, "/api/v1/models", "{\"pmml\":\"x\"}");
        assertThat(notMultipart.status()).isEqualTo(415);
        assertThat(notMultipart.contentType()).startsWith("application/problem+json");

        SystemClient.Answer again = upload(ShippedModel.VERSION, shipped.pmml());
        assertThat(again.status()).isEqualTo(409);
    }

    @Test
    void aChallengerIsScoredInShadowAndNeverChangesAnOutcome_promotedItDecides_andRollsBack() throws Exception {
        String version = "pessimist-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            SystemClient.Answer registered = upload(version, ChallengerPmml.pessimist()
                    .getBytes(StandardCharsets.UTF_8));
            assertThat(registered.status()).as(String.valueOf(registered.body())).isEqualTo(201);
            assertThat(registered.body().get("role").asText()).isEqualTo("REGISTERED");
            assertThat(client.postAs(editor, "/api/v1/models/" + version + "/challenger", "").body()
                    .get("role").asText()).isEqualTo("CHALLENGER");

            // Workers pick the challenger up within a second; from then on it scores every application.
            String scored = null;
            for (int attempt = 0; attempt < 20 && scored == null; attempt++) {
                JsonNode status = client.submitAndSettle(applicants.creditworthy().body(2000));
                String id = status.get("id").asText();
                if (jdbc.queryForObject("select count(*) from credit_score where application_id = ?::uuid"
                        + " and model_version = ?", Integer.class, id, version) == 1) {
                    scored = id;
                    // Its pessimism was never acted on: the champion's score decided, and the loan was paid.
                    assertThat(status.get("status").asText()).isEqualTo("DISBURSED");
                    assertThat(status.get("decision").get("modelVersion").asText()).isEqualTo(ShippedModel.VERSION);
                    assertThat(status.get("decision").get("probabilityOfDefault").asDouble()).isLessThan(0.15);
                }
            }
            assertThat(scored).as("an application scored by the challenger").isNotNull();
            Map<String, Object> shadow = jdbc.queryForMap("select champion, probability_of_default, band,"
                    + " shadow_outcome from credit_score where application_id = ?::uuid and model_version = ?",
                    scored, version);
            assertThat(shadow.get("champion")).isEqualTo(false);
            assertThat((Double) shadow.get("probability_of_default")).isGreaterThan(0.8);
            assertThat(shadow.get("band")).isEqualTo("E");
            assertThat(shadow.get("shadow_outcome")).isEqualTo("REJECT");

            JsonNode report = client.getAs(editor, "/api/v1/models/" + version + "/shadow-report").body();
            assertThat(report.get("applications").asInt()).isPositive();
            assertThat(report.get("decisionsThatWouldChange").asInt()).isPositive();
            assertThat(report.get("outcomes").get("APPROVE").get("REJECT").asInt()).isPositive();
            assertThat(report.get("bandAgreementRate").asDouble()).isLessThan(1.0);

            JsonNode stability = client.getAs(editor, "/api/v1/models/" + ShippedModel.VERSION + "/stability")
                    .body();
            assertThat(stability.get("liveScores").asInt()).isPositive();
            assertThat(stability.get("bins")).hasSize(20);
            assertThat(client.getAs(client.operatorToken(), "/actuator/metrics/swiftlend.model.psi").status())
                    .isEqualTo(200);

            // Promoted, it decides the next applications without a restart.
            assertThat(client.postAs(editor, "/api/v1/models/" + version + "/champion", "").body()
                    .get("role").asText()).isEqualTo("CHAMPION");
            JsonNode pessimistic = awaitScoredBy(version);
            assertThat(pessimistic.get("status").asText()).isEqualTo("REJECTED");
            assertThat(pessimistic.get("decision").get("reasons").toString()).contains("SCORE_TOO_LOW");
        } finally {
            client.postAs(editor, "/api/v1/models/" + ShippedModel.VERSION + "/champion", "");
        }
        // Rolling back is promoting the earlier version again.
        assertThat(awaitScoredBy(ShippedModel.VERSION).get("status").asText()).isEqualTo("DISBURSED");
        assertThat(client.getAs(editor, "/api/v1/models/" + version).body().get("role").asText())
                .isEqualTo("RETIRED");
        assertThat(jdbc.queryForList("select kind from audit_record where reference like ?", String.class,
                version + "%")).contains("MODEL_REGISTERED", "MODEL_CHALLENGER", "MODEL_CHAMPION", "MODEL_RETIRED");
    }

    private JsonNode awaitScoredBy(String version) throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            JsonNode status = client.submitAndSettle(applicants.creditworthy().body(2000));
            if (version.equals(status.path("decision").path("modelVersion").asText())) {
                return status;
            }
        }
        throw new AssertionError("No application was scored by model " + version);
    }

    private SystemClient.Answer upload(String version, byte[] pmml) throws Exception {
        ObjectNode card = (ObjectNode) JSON.readTree(shipped.card());
        card.put("version", version);
        ObjectNode mapping = (ObjectNode) JSON.readTree(shipped.featureMapping());
        mapping.put("modelVersion", version);
        return client.postFilesAs(editor, "/api/v1/models", files(pmml, JSON.writeValueAsBytes(card),
                JSON.writeValueAsBytes(mapping)));
    }

    private static Map<String, byte[]> files(byte[] pmml, byte[] card, byte[] mapping) {
        Map<String, byte[]> parts = new LinkedHashMap<>();
        parts.put("pmml", pmml);
        parts.put("card", card);
        parts.put("featureMapping", mapping);
        return parts;
    }
}
