package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The decision graph in the running flow (issue 10): the facts it reads that come from our own
 * records rather than the risk checks (age from the ID number, earlier loans paid out) reach it,
 * its segment decision sees a returning customer, and the status carries the human-readable reason
 * for each reason code.
 */
@SystemTest
class DecisionGraphFlowTest {

    @LocalServerPort
    int port;

    private SystemClient client;
    private Applicants applicants;

    @BeforeEach
    void setUp() {
        client = new SystemClient(port);
        applicants = new Applicants(port);
    }

    @Test
    void givenAnApplicantWhoseFirstLoanWasPaidOut_theirNextApplicationIsDecidedAsAReturningCustomer()
            throws Exception {
        Applicants.Applicant applicant = applicants.creditworthy();
        JsonNode firstStatus = client.submitAndSettle(applicant.body(2000));
        String first = firstStatus.get("id").asText();
        assertThat(firstStatus.get("status").asText()).isEqualTo("DISBURSED");
        assertThat(firstStatus.get("decision").get("reasonTexts").fields()).toIterable().isNotEmpty()
                .allSatisfy(reason -> assertThat(reason.getValue().asText()).isNotEqualTo(reason.getKey())
                        .endsWith("."));

        String second = client.submitAndSettle(applicant.body(2500)).get("id").asText();

        String operator = client.operatorToken();
        JsonNode firstExplained = client.getAs(operator, "/api/v1/applications/" + first + "/decision/explain").body();
        JsonNode secondExplained = client.getAs(operator, "/api/v1/applications/" + second + "/decision/explain")
                .body();
        assertThat(firstExplained.get("inputs").get("previousLoans").asInt()).isZero();
        assertThat(firstExplained.get("conclusions").get("segment").asText()).isEqualTo("NEW");
        assertThat(secondExplained.get("inputs").get("previousLoans").asInt()).isEqualTo(1);
        assertThat(secondExplained.get("conclusions").get("segment").asText()).isEqualTo("RETURNING");
        assertThat(secondExplained.get("reproducible").asBoolean()).isTrue();
        String id = applicant.idNumber();
        LocalDate birth = LocalDate.of(Integer.parseInt(id.substring(6, 10)), Integer.parseInt(id.substring(10, 12)),
                Integer.parseInt(id.substring(12, 14)));
        int age = Period.between(birth, LocalDate.now(ZoneId.of("Asia/Shanghai"))).getYears();
        assertThat(secondExplained.get("inputs").get("age").asInt()).isBetween(age - 1, age);
    }
}
