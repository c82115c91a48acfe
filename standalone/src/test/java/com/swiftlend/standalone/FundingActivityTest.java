package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.swiftlend.records.application.LoanApplicationRepository;
import com.swiftlend.records.application.LoanApplication;
import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.application.Applicant;
import com.swiftlend.workflows.application.LoanTerms;
import com.swiftlend.workflows.funding.FunderAnswer;
import com.swiftlend.workflows.funding.FunderOffer;
import com.swiftlend.workflows.funding.Funding;
import com.swiftlend.workflows.funding.FundingRequest;
import com.swiftlend.workflows.funding.FundingReservation;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The Funding activity against the real PostgreSQL and the funders' simulators over HTTP, as the
 * disbursement workflow calls it.
 */
@SystemTest
class FundingActivityTest {

    private static final String HARBOR = "harbor-capital";
    private static final String JADE = "jade-trust";

    @LocalServerPort
    int port;

    @Autowired
    Funding funding;

    @Autowired
    LoanApplicationRepository applications;

    @Autowired
    JdbcTemplate jdbc;

    private Applicants applicants;
    private SystemClient client;

    @BeforeEach
    void setUp() {
        applicants = new Applicants(port);
        client = new SystemClient(port);
    }

    @AfterEach
    void resetFunder() throws Exception {
        client.delete("/simulators/" + HARBOR + "/behaviour");
    }

    @Test
    void givenAnEligibleLoan_whenFunding_theCheaperFunderIsOfferedFirstApprovesOnceAndItIsRecordedAndAudited()
            throws Exception {
        FundingRequest request = request(application(), "3000");

        var offers = funding.eligibleFunders(request);
        FundingReservation reservation = funding.reserveQuota(request, HARBOR);
        FunderAnswer answer = funding.requestFunderApproval(request, HARBOR);
        FunderAnswer asked = funding.requestFunderApproval(request, HARBOR);
        funding.consumeFunding(request.applicationId(), HARBOR);
        funding.consumeFunding(request.applicationId(), HARBOR);

        assertThat(offers).extracting(FunderOffer::funder).containsSubsequence(HARBOR, JADE);
        assertThat(offers.get(0).funder()).isEqualTo(HARBOR);
        assertThat(reservation).isEqualTo(new FundingReservation(HARBOR, true, null));
        assertThat(answer.approved()).isTrue();
        assertThat(answer.funderReference()).isNotBlank();
        assertThat(asked).isEqualTo(answer);
        assertThat(client.get("/simulators/funders/" + HARBOR + "/loans/" + request.applicationId()).status())
                .isEqualTo(200);
        assertThat(jdbc.queryForMap("select state, funder_answer, funder_reference from funding_reservation"
                + " where application_id = ?::uuid and funder = ?", request.applicationId(), HARBOR))
                .containsEntry("state", "CONSUMED")
                .containsEntry("funder_answer", "APPROVED")
                .containsEntry("funder_reference", answer.funderReference());
        assertThat(auditRecords(request.applicationId(), HARBOR + ":APPROVED")).isEqualTo(1);
    }

    @Test
    void givenAnApprovedLoan_whenReleasedTwice_itIsWithdrawnAtTheFunderAndReleasedOnce() throws Exception {
        FundingRequest request = request(application(), "1800");
        funding.reserveQuota(request, HARBOR);
        assertThat(funding.requestFunderApproval(request, HARBOR).approved()).isTrue();

        funding.releaseFunding(request.applicationId(), HARBOR, "PAYOUT_FAILED");
        funding.releaseFunding(request.applicationId(), HARBOR, "PAYOUT_FAILED");

        assertThat(jdbc.queryForMap("select state, reason from funding_reservation"
                + " where application_id = ?::uuid and funder = ?", request.applicationId(), HARBOR))
                .containsEntry("state", "RELEASED")
                .containsEntry("reason", "PAYOUT_FAILED");
        SystemClient.Answer atFunder = client.get("/simulators/funders/" + HARBOR + "/loans/"
                + request.applicationId());
        assertThat(atFunder.status()).isEqualTo(200);
        assertThat(atFunder.body().path("decision").asText()).isEqualTo("WITHDRAWN");
        assertThat(auditRecords(request.applicationId(), HARBOR + ":RELEASED")).isEqualTo(1);
    }

    @Test
    void givenTheFunderRefusesEverything_whenAsked_itAnswersRefusedAndTheRefusalIsRecordedAndReleasable()
            throws Exception {
        assertThat(client.put("/simulators/" + HARBOR + "/behaviour",
                "{\"latencyMinMs\":1,\"latencyMaxMs\":5,\"failureRate\":0.0,\"refusalRate\":1.0}").status())
                .isEqualTo(200);
        FundingRequest request = request(application(), "2500");
        funding.reserveQuota(request, HARBOR);

        FunderAnswer answer = funding.requestFunderApproval(request, HARBOR);
        FunderAnswer askedAgain = funding.requestFunderApproval(request, HARBOR);
        funding.releaseFunding(request.applicationId(), HARBOR, "FUNDER_REFUSED");

        assertThat(answer.approved()).isFalse();
        assertThat(answer.reason()).isNotBlank();
        assertThat(askedAgain).isEqualTo(answer);
        assertThat(jdbc.queryForMap("select state, funder_answer, reason from funding_reservation"
                + " where application_id = ?::uuid and funder = ?", request.applicationId(), HARBOR))
                .containsEntry("state", "RELEASED")
                .containsEntry("funder_answer", "REFUSED")
                .containsEntry("reason", "FUNDER_REFUSED");
        assertThat(client.get("/simulators/funders/" + HARBOR + "/loans/" + request.applicationId()).body()
                .path("decision").asText()).isEqualTo("REFUSED");
        assertThat(auditRecords(request.applicationId(), HARBOR + ":REFUSED")).isEqualTo(1);
        assertThat(auditRecords(request.applicationId(), HARBOR + ":RELEASED")).isEqualTo(1);
    }

    @Test
    void givenAFunderSlowerThanItsReadTimeout_whenAsked_itFailsRetryablyAsUnavailableAndTheQuotaStaysHeld()
            throws Exception {
        assertThat(client.put("/simulators/" + HARBOR + "/behaviour",
                "{\"latencyMinMs\":2600,\"latencyMaxMs\":2700,\"failureRate\":0.0}").status()).isEqualTo(200);
        FundingRequest request = request(application(), "1200");
        funding.reserveQuota(request, HARBOR);

        assertThatThrownBy(() -> funding.requestFunderApproval(request, HARBOR))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(Failures.FUNDER_UNAVAILABLE.name());
                    assertThat(failure.isNonRetryable()).isFalse();
                });
        assertThat(jdbc.queryForMap("select state, funder_answer from funding_reservation"
                + " where application_id = ?::uuid and funder = ?", request.applicationId(), HARBOR))
                .containsEntry("state", "RESERVED")
                .containsEntry("funder_answer", null);
    }

    @Test
    void givenNoReservation_whenAskingTheFunder_itFailsWithoutRetryAndWithoutAsking() throws Exception {
        FundingRequest request = request(application(), "1000");

        assertThatThrownBy(() -> funding.requestFunderApproval(request, JADE))
                .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
                    assertThat(failure.getType()).isEqualTo(Failures.INVALID_INPUT.name());
                    assertThat(failure.isNonRetryable()).isTrue();
                });
        assertThat(client.get("/simulators/funders/" + JADE + "/loans/" + request.applicationId()).status())
                .isEqualTo(404);
    }

    @Test
    void givenAConsumedReservation_whenReleasing_itIsRefusedWithoutRetryAndStaysConsumed() {
        FundingRequest request = request(application(), "1000");
        funding.reserveQuota(request, JADE);
        funding.consumeFunding(request.applicationId(), JADE);

        assertThatThrownBy(() -> funding.releaseFunding(request.applicationId(), JADE, "PAYOUT_FAILED"))
                .isInstanceOfSatisfying(ApplicationFailure.class,
                        failure -> assertThat(failure.isNonRetryable()).isTrue());
        assertThat(jdbc.queryForObject("select state from funding_reservation where application_id = ?::uuid"
                + " and funder = ?", String.class, request.applicationId(), JADE)).isEqualTo("CONSUMED");
    }

    private String application() {
        Applicants.Applicant applicant = applicants.any();
        LoanApplication application = applications.saveAndFlush(new LoanApplication(UUID.randomUUID(),
                UUID.randomUUID().toString(), "0".repeat(64),
                new Applicant("Test Borrower", applicant.idNumber(), applicant.phone(), applicant.bankCard(),
                        applicant.deviceId(), "127.0.0.1"),
                new LoanTerms(new BigDecimal("3000"), 30, null), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        return application.getId().toString();
    }

    private static FundingRequest request(String applicationId, String amount) {
        return new FundingRequest(applicationId, new BigDecimal(amount), 30, "11", null);
    }

    private int auditRecords(String applicationId, String event) {
        return jdbc.queryForObject("select count(*) from audit_record where kind = 'FUNDING' and reference = ?",
                Integer.class, applicationId + ":" + event);
    }
}
