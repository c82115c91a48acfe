package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.swiftlend.records.application.LoanApplication;
import com.swiftlend.records.application.LoanApplicationRepository;
import com.swiftlend.workflows.application.Applicant;
import com.swiftlend.workflows.application.LoanTerms;
import com.swiftlend.workflows.payment.Disbursement;
import com.swiftlend.workflows.payment.PayoutOrder;
import com.swiftlend.workflows.payment.PayoutResult;
import com.swiftlend.workflows.payment.PayoutStatus;
import com.swiftlend.workflows.risk.BlacklistScreening;
import com.swiftlend.workflows.risk.BureauHistory;
import com.swiftlend.workflows.risk.BureauReport;
import com.swiftlend.workflows.risk.DeviceAssessment;
import com.swiftlend.workflows.risk.DeviceCheck;
import com.swiftlend.workflows.risk.FraudAssessment;
import com.swiftlend.workflows.risk.RiskOutcome;
import com.swiftlend.workflows.risk.RiskProfile;
import com.swiftlend.workflows.risk.RiskSubject;
import com.swiftlend.workflows.risk.VelocityCheck;
import com.swiftlend.workflows.risk.VelocityFeatures;
import com.swiftlend.workflows.scoring.CreditScore;
import com.swiftlend.workflows.scoring.CreditScoring;
import com.swiftlend.workflows.scoring.ScoringRequest;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Activities on their own, against the real PostgreSQL, Redis and HTTP simulators of the running
 * system: the properties the workflow relies on when it retries or resumes them.
 */
@SystemTest
class ActivitiesTest {

    @LocalServerPort
    int port;

    @Autowired
    Disbursement disbursement;

    @Autowired
    VelocityCheck velocity;

    @Autowired
    DeviceCheck device;

    @Autowired
    CreditScoring scoring;

    @Autowired
    com.swiftlend.workflows.risk.CreditBureauCheck bureau;

    @Autowired
    LoanApplicationRepository applications;

    private Applicants applicants;
    private SystemClient client;

    @BeforeEach
    void setUp() {
        applicants = new Applicants(port);
        client = new SystemClient(port);
    }

    private static RiskSubject subject(Applicants.Applicant applicant, String deviceId) {
        return new RiskSubject(UUID.randomUUID().toString(), "Test Borrower", applicant.idNumber(), applicant.phone(),
                deviceId, "203.0.113." + (applicant.idNumber().hashCode() & 0x7f), new BigDecimal("1000"), 30);
    }

    @Test
    void givenSamePayoutOrderTwice_whenDisbursing_theChannelPaysOnceAndBothAnswersAgree() throws Exception {
        Applicants.Applicant applicant = applicants.any();
        LoanApplication application = applications.saveAndFlush(new LoanApplication(UUID.randomUUID(),
                UUID.randomUUID().toString(), "0".repeat(64),
                new Applicant("Test Borrower", applicant.idNumber(), applicant.phone(), applicant.bankCard(),
                        applicant.deviceId(), "127.0.0.1"),
                new LoanTerms(new BigDecimal("900"), 30, null), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        String id = application.getId().toString();
        PayoutOrder order = new PayoutOrder(id, 1, PayoutOrder.idempotencyKey(id, 1), "bankwire",
                new BigDecimal("900"), applicant.bankCard(), "Test Borrower");

        PayoutResult first = disbursement.disburse(order);
        PayoutResult second = disbursement.disburse(order);

        assertThat(first.status()).isEqualTo(PayoutStatus.SUCCEEDED);
        assertThat(second).isEqualTo(first);
        assertThat(disbursement.lookUpPayout(order).channelReference()).isEqualTo(first.channelReference());
        assertThat(client.get("/simulators/channels/bankwire/payouts/" + order.idempotencyKey()).status())
                .isEqualTo(200);
        assertThatThrownBy(() -> disbursement.disburse(new PayoutOrder(id, 1, order.idempotencyKey(), "swiftpay",
                new BigDecimal("900"), applicant.bankCard(), "Test Borrower")))
                .isInstanceOf(ApplicationFailure.class)
                .hasMessageContaining("another channel");
    }

    @Test
    void givenSameApplicationCountedTwice_whenMeasuringVelocity_itCountsOnce() {
        Applicants.Applicant applicant = applicants.any();
        RiskSubject first = subject(applicant, applicant.deviceId());

        VelocityFeatures once = velocity.measureVelocity(first);
        VelocityFeatures retried = velocity.measureVelocity(first);
        VelocityFeatures another = velocity.measureVelocity(subject(applicant, applicant.deviceId()));

        assertThat(once.applicationsLast24h()).isEqualTo(1);
        assertThat(retried.applicationsLast24h()).isEqualTo(1);
        assertThat(another.applicationsLast24h()).isEqualTo(2);
        assertThat(another.outcome()).isEqualTo(RiskOutcome.PASS);
    }

    @Test
    void givenOneDeviceUsedByManyApplicants_whenInspecting_itEscalatesFromPassToFail() {
        String sharedDevice = "farm-device-" + UUID.randomUUID();
        List<RiskOutcome> outcomes = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            DeviceAssessment assessment = device.inspectDevice(subject(applicants.any(), sharedDevice));
            outcomes.add(assessment.outcome());
        }

        assertThat(outcomes).containsExactly(RiskOutcome.PASS, RiskOutcome.PASS, RiskOutcome.WARN, RiskOutcome.WARN,
                RiskOutcome.FAIL);
    }

    @Test
    void givenAnApplicantWithAFile_theBureauActivityCarriesTheirRealRepaymentHistory_theSameEachTime() {
        Applicants.Applicant applicant = applicants.creditworthy();

        BureauReport first = bureau.fetchCreditReport(subject(applicant, applicant.deviceId()));
        BureauReport again = bureau.fetchCreditReport(subject(applicant, applicant.deviceId()));

        assertThat(first.hit()).isTrue();
        assertThat(first.history()).isNotNull().isEqualTo(again.history());
        assertThat(first.history().creditLimit()).isPositive();
        assertThat(first.history().repaymentStatus()).hasSize(6).allSatisfy(status ->
                assertThat(status).isBetween(-2, 9));
        assertThat(first.history().billAmounts()).hasSize(6);
        assertThat(first.history().paidAmounts()).hasSize(6).allSatisfy(paid -> assertThat(paid).isNotNegative());
    }

    @Test
    void givenNoAmount_whenScoring_itFailsWithoutRetry() {
        RiskProfile profile = profile(new BureauReport(RiskOutcome.PASS, true, 700, 0, 1, BigDecimal.ZERO, 0, "r"));

        assertThatThrownBy(() -> scoring.score(new ScoringRequest("a", profile, null, 30)))
                .isInstanceOf(ApplicationFailure.class)
                .satisfies(failure -> assertThat(((ApplicationFailure) failure).isNonRetryable()).isTrue());
    }

    @Test
    void givenARetriedScore_itAnswersWhatTheFirstAttemptRecorded_andAMissingMonthIsRefusedNotImputed() {
        Applicants.Applicant applicant = applicants.any();
        String id = applications.saveAndFlush(new LoanApplication(UUID.randomUUID(), UUID.randomUUID().toString(),
                "0".repeat(64), new Applicant("Test Borrower", applicant.idNumber(), applicant.phone(),
                        applicant.bankCard(), applicant.deviceId(), "127.0.0.1"),
                new LoanTerms(new BigDecimal("900"), 30, null), Instant.now().truncatedTo(ChronoUnit.MICROS)))
                .getId().toString();
        // Five months of history where the model needs six: a bureau answer the model cannot read.
        BureauHistory fiveMonths = new BureauHistory(200_000, List.of(0, 0, 0, 0, 0), List.of(1L, 2L, 3L, 4L, 5L, 6L),
                List.of(1L, 1L, 1L, 1L, 1L, 1L));
        BureauHistory complete = new BureauHistory(200_000, List.of(0, 0, 0, 0, 0, 0), List.of(1L, 2L, 3L, 4L, 5L, 6L),
                List.of(1L, 1L, 1L, 1L, 1L, 1L));

        CreditScore first = scoring.score(new ScoringRequest(id, profile(withHistory(fiveMonths)),
                new BigDecimal("900"), 30));
        CreditScore retried = scoring.score(new ScoringRequest(id, profile(withHistory(complete)),
                new BigDecimal("900"), 30));

        assertThat(first.probabilityOfDefault()).isNull();
        assertThat(first.score()).isNull();
        assertThat(first.unscored().code()).isEqualTo("MODEL_INPUT_MISSING");
        assertThat(first.unscored().text()).contains("pay_6");
        assertThat(retried).isEqualTo(first);
    }

    private static BureauReport withHistory(BureauHistory history) {
        return new BureauReport(RiskOutcome.PASS, true, 700, 0, 1, BigDecimal.ZERO, 0, "r", history);
    }

    private static RiskProfile profile(BureauReport bureau) {
        return new RiskProfile(bureau, new FraudAssessment(RiskOutcome.PASS, 10, List.of(), "accept"),
                new BlacklistScreening(RiskOutcome.PASS, false, "not listed"),
                new DeviceAssessment(RiskOutcome.PASS, 1, 1, "ok"), new VelocityFeatures(RiskOutcome.PASS, 1, 1, "ok"));
    }
}
