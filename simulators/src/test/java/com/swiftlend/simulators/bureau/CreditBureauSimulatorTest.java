package com.swiftlend.simulators.bureau;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.simulators.SimulatorHttp;
import com.swiftlend.simulators.SimulatorsApplication;
import com.swiftlend.model.training.CreditData;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

@SpringBootTest(classes = SimulatorsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CreditBureauSimulatorTest {

    @LocalServerPort
    int port;

    RestClient http;

    @BeforeEach
    void setUp() {
        http = SimulatorHttp.client(port);
    }

    @Test
    void givenSameIdNumber_whenReportRequestedTwice_itReturnsTheSameRecord() {
        ResponseEntity<JsonNode> first = requestReport(Map.of("idNumber", "110101199003077777", "name", "Han Meimei"));
        ResponseEntity<JsonNode> second = requestReport(Map.of("idNumber", "110101199003077777", "name", "Han Meimei"));

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(second.getBody()).isEqualTo(first.getBody());
    }

    @Test
    void givenReport_itHasTheBureauContractShape() {
        JsonNode report = requestReport(Map.of("idNumber", "110101199003077777", "name", "Han Meimei")).getBody();

        assertThat(report.get("reportId").asText()).matches("BR-[0-9a-f]{16}");
        assertThat(report.get("hit").isBoolean()).isTrue();
        assertThat(report.get("creditScore").isInt()).isTrue();
        assertThat(report.get("delinquencies").isInt()).isTrue();
        assertThat(report.get("openLoans").isInt()).isTrue();
        assertThat(report.get("totalDebt").isNumber()).isTrue();
        assertThat(report.get("inquiriesLast6Months").isInt()).isTrue();
    }

    @Test
    void givenDifferentIdNumbers_whenReportsRequested_theRecordsDiffer() {
        Set<Integer> scores = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            JsonNode report = requestReport(Map.of("idNumber", "11010119900101" + (1000 + i))).getBody();
            if (report.get("hit").asBoolean()) {
                assertThat(report.get("creditScore").asInt()).isBetween(300, 850);
            }
            scores.add(report.get("creditScore").asInt());
        }

        assertThat(scores).hasSizeGreaterThan(5);
    }

    @Test
    void givenFiles_theirDelinquenciesAndScoreComeFromTheRealHistoryTheyCarry() {
        List<Integer> cleanScores = new ArrayList<>();
        List<Integer> lateScores = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            JsonNode report = requestReport(Map.of("idNumber", "11010119900101" + (2000 + i))).getBody();
            if (!report.get("hit").asBoolean()) {
                continue;
            }
            int overdue = 0;
            for (JsonNode status : report.get("history").get("repaymentStatus")) {
                overdue += status.asInt() >= 1 ? 1 : 0;
            }
            assertThat(report.get("delinquencies").asInt()).isEqualTo(overdue);
            (overdue == 0 ? cleanScores : overdue >= 3 ? lateScores : new ArrayList<Integer>())
                    .add(report.get("creditScore").asInt());
        }
        // About a quarter of the data set's clients were overdue at least once in six months, and
        // the bureau's score reads the same history: months overdue cost points.
        assertThat(cleanScores).hasSizeGreaterThan(50);
        assertThat(lateScores).hasSizeGreaterThan(3);
        double clean = cleanScores.stream().mapToInt(Integer::intValue).average().orElseThrow();
        double late = lateScores.stream().mapToInt(Integer::intValue).average().orElseThrow();
        assertThat(clean - late).isGreaterThan(80);
    }

    @Test
    void givenNoIdNumber_whenReportRequested_itAnswers400ProblemJson() {
        ResponseEntity<JsonNode> response = requestReport(Map.of("name", "Nobody"));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("detail").asText()).contains("idNumber");
    }

    @Test
    void givenMalformedJson_whenReportRequested_itAnswers400ProblemJson() {
        ResponseEntity<JsonNode> response = http.post().uri("/simulators/bureau/credit-reports")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"idNumber\": ")
                .retrieve()
                .toEntity(JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
    }

    @Test
    void givenApplicantsWithAFile_eachGetsARealHeldOutClientsHistory_deterministically_andNeverTheirOutcome()
            throws Exception {
        List<CreditData.Client> heldOut = CreditData.split(CreditData.readBundled(), CreditData.SPLIT_SEED).test();
        Set<String> histories = new HashSet<>();
        Set<String> everyHeldOutLimit = new HashSet<>();
        heldOut.forEach(client -> everyHeldOutLimit.add(Long.toString((long) client.features()[0])));
        int withFile = 0;
        for (int i = 0; i < 100; i++) {
            String idNumber = "11010119880101" + (2000 + i);
            JsonNode report = requestReport(Map.of("idNumber", idNumber)).getBody();
            if (!report.get("hit").asBoolean()) {
                assertThat(report.get("history").isNull()).isTrue();
                continue;
            }
            withFile++;
            JsonNode history = report.get("history");
            assertThat(history.get("repaymentStatus")).hasSize(6);
            assertThat(history.get("billAmounts")).hasSize(6);
            assertThat(history.get("paidAmounts")).hasSize(6);
            assertThat(everyHeldOutLimit).contains(history.get("creditLimit").asText());
            assertThat(requestReport(Map.of("idNumber", idNumber)).getBody().get("history")).isEqualTo(history);
            histories.add(history.toString());
            assertThat(report.toString().toLowerCase(java.util.Locale.ROOT)).doesNotContain("default", "label",
                    "\"y\"");
        }
        assertThat(withFile).isGreaterThan(80);
        assertThat(histories).as("different people get different clients").hasSizeGreaterThan(withFile - 3);
    }

    private ResponseEntity<JsonNode> requestReport(Map<String, String> body) {
        return http.post().uri("/simulators/bureau/credit-reports")
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(JsonNode.class);
    }
}
