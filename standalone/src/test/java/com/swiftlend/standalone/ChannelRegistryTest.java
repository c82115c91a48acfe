package com.swiftlend.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import com.swiftlend.records.application.LoanApplication;
import com.swiftlend.records.application.LoanApplicationRepository;
import com.swiftlend.records.channel.ChannelRegistry;
import com.swiftlend.records.channel.ChannelState;
import com.swiftlend.records.channel.PaymentChannel;
import com.swiftlend.records.channel.PayoutStatistics;
import com.swiftlend.workflows.application.Applicant;
import com.swiftlend.workflows.application.LoanTerms;
import com.swiftlend.workflows.channel.ChannelHealth;
import com.swiftlend.workflows.channel.ChannelHealthChecks;
import com.swiftlend.workflows.payment.ChannelExclusion;
import com.swiftlend.workflows.payment.ChannelRanking;
import com.swiftlend.workflows.payment.ChannelRouting;
import com.swiftlend.workflows.payment.ChannelScore;
import com.swiftlend.workflows.payment.RoutingRequest;
import java.math.BigDecimal;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The channel registry, its health checks and routing on it, against the real PostgreSQL and the
 * channel simulators over HTTP. The suite shares one database and the simulators, so each test
 * puts every channel back as it found it (healthy, full balance, no outage, no rows of its own).
 */
@SystemTest
class ChannelRegistryTest {

    private static final List<String> CHANNELS = List.of("swiftpay", "bankwire", "manual-desk");

    @LocalServerPort
    int port;

    @Autowired
    ChannelRegistry registry;

    @Autowired
    ChannelHealthChecks checks;

    @Autowired
    ChannelRouting routing;

    @Autowired
    LoanApplicationRepository applications;

    @Autowired
    JdbcTemplate jdbc;

    private SystemClient client;
    private final List<String> insertedPayouts = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        client = new SystemClient(port);
        restoreChannels();
    }

    @AfterEach
    void restoreChannels() throws Exception {
        for (String key : insertedPayouts) {
            jdbc.update("delete from payout where idempotency_key = ?", key);
        }
        insertedPayouts.clear();
        // The measurements a test's payout rows left behind go with the rows.
        jdbc.update("update payment_channel set success_rate = 1.0, p95_latency_ms = null");
        for (String channel : CHANNELS) {
            assertThat(client.put("/simulators/" + channel + "/behaviour", "{\"latencyMinMs\":1,\"latencyMaxMs\":20,\"failureRate\":0}").status())
                    .isEqualTo(200);
            assertThat(client.put("/simulators/channels/" + channel + "/balance", "{\"available\":10000000}")
                    .status()).isEqualTo(200);
            registry.force(channel, ChannelState.HEALTHY, null, Instant.now());
        }
        checks.checkChannels();
    }

    private PaymentChannel channel(String name) {
        return registry.find(name, Instant.now()).orElseThrow();
    }

    private ChannelHealth checked(String name) {
        return checks.checkChannels().stream().filter(health -> health.channel().equals(name)).findFirst()
                .orElseThrow();
    }

    private void failHealthChecks(String channel) throws Exception {
        assertThat(client.put("/simulators/" + channel + "/behaviour", "{\"latencyMinMs\":1,\"latencyMaxMs\":20,\"failureRate\":1}").status())
                .isEqualTo(200);
    }

    private void passHealthChecks(String channel) throws Exception {
        assertThat(client.put("/simulators/" + channel + "/behaviour", "{\"latencyMinMs\":1,\"latencyMaxMs\":20,\"failureRate\":0}").status())
                .isEqualTo(200);
    }

    /** A payout row as the payout activity leaves it: final, sent and settled {@code latency} apart. */
    private void payout(UUID applicationId, String channel, String status, boolean beneficiaryDecline,
            BigDecimal amount, Duration latency, Instant settledAt) {
        String key = applicationId + ":payout:" + (insertedPayouts.size() + 1);
        jdbc.update("""
                insert into payout (idempotency_key, application_id, attempt, channel, amount, status, currency,
                                    sent_at, settled_at, beneficiary_decline, created_at, updated_at)
                values (?, ?, ?, ?, ?, ?, 'CNY', ?, ?, ?, ?, ?)""",
                key, applicationId, insertedPayouts.size() + 1, channel, amount, status,
                Timestamp.from(settledAt.minus(latency)), Timestamp.from(settledAt), beneficiaryDecline,
                Timestamp.from(settledAt.minus(latency)), Timestamp.from(settledAt));
        insertedPayouts.add(key);
    }

    private UUID application() {
        Applicants.Applicant applicant = new Applicants(port).any();
        LoanApplication application = applications.saveAndFlush(new LoanApplication(UUID.randomUUID(),
                UUID.randomUUID().toString(), "0".repeat(64),
                new Applicant("Test Borrower", applicant.idNumber(), applicant.phone(), applicant.bankCard(),
                        applicant.deviceId(), "127.0.0.1"),
                new LoanTerms(new BigDecimal("1000"), 30, null), Instant.now().truncatedTo(ChronoUnit.MICROS)));
        return application.getId();
    }

    @Test
    void givenEveryChannelAnswers_whenChecked_itRecordsBalanceAndStaysHealthy() {
        List<ChannelHealth> round = checks.checkChannels();

        assertThat(round).extracting(ChannelHealth::channel).containsExactlyInAnyOrderElementsOf(CHANNELS);
        assertThat(round).allSatisfy(health -> {
            assertThat(health.state()).isEqualTo("HEALTHY");
            assertThat(health.reason()).isNull();
        });
        PaymentChannel swiftpay = channel("swiftpay");
        assertThat(swiftpay.reportedBalance()).isEqualByComparingTo("10000000");
        assertThat(swiftpay.lastCheckedAt()).isAfter(Instant.now().minusSeconds(30));
        assertThat(swiftpay.kind()).isEqualTo("INSTANT_EACCOUNT");
        assertThat(swiftpay.maxAmount()).isEqualByComparingTo("20000");
    }

    @Test
    void givenAFailedCheck_whenChecked_itDegradesAtOnceAndRecoversOnlyAfterThreeHealthyChecks() throws Exception {
        failHealthChecks("bankwire");

        assertThat(checked("bankwire").state()).isEqualTo("DEGRADED");
        assertThat(channel("bankwire").stateReason()).isEqualTo("HEALTH_CHECK_FAILED");

        passHealthChecks("bankwire");
        assertThat(checked("bankwire").state()).isEqualTo("DEGRADED");
        assertThat(checked("bankwire").state()).isEqualTo("DEGRADED");
        assertThat(channel("bankwire").consecutiveHealthy()).isEqualTo(2);
        ChannelHealth third = checked("bankwire");

        assertThat(third.state()).isEqualTo("HEALTHY");
        assertThat(third.reason()).isNull();
    }

    @Test
    void givenAFailureBetweenHealthyChecks_whenRecovering_itStartsCountingAgain() throws Exception {
        failHealthChecks("bankwire");
        checked("bankwire");
        passHealthChecks("bankwire");
        checked("bankwire");
        checked("bankwire");
        failHealthChecks("bankwire");
        checked("bankwire");
        passHealthChecks("bankwire");

        assertThat(checked("bankwire").state()).isEqualTo("DEGRADED");
        assertThat(checked("bankwire").state()).isEqualTo("DEGRADED");
        assertThat(checked("bankwire").state()).isEqualTo("HEALTHY");
    }

    @Test
    void givenAnOperatorDisabledChannel_whenChecksFailOrPass_itStaysDisabled() throws Exception {
        registry.force("bankwire", ChannelState.DISABLED, "FORCED_DOWN", Instant.now());
        failHealthChecks("bankwire");
        assertThat(checked("bankwire").state()).isEqualTo("DISABLED");
        passHealthChecks("bankwire");
        for (int i = 0; i < 4; i++) {
            assertThat(checked("bankwire").state()).isEqualTo("DISABLED");
        }

        assertThat(channel("bankwire").stateReason()).isEqualTo("FORCED_DOWN");
        assertThat(channel("bankwire").lastCheckedAt()).isAfter(Instant.now().minusSeconds(30));
    }

    @Test
    void givenABalanceUnderTheLargestPayout_whenChecked_itIsBalanceLow() throws Exception {
        assertThat(client.put("/simulators/channels/swiftpay/balance", "{\"available\":19999.99}").status())
                .isEqualTo(200);

        ChannelHealth swiftpay = checked("swiftpay");

        assertThat(swiftpay.state()).isEqualTo("DEGRADED");
        assertThat(swiftpay.reason()).isEqualTo("BALANCE_LOW");
        assertThat(swiftpay.availableBalance()).isEqualByComparingTo("19999.99");
    }

    @Test
    void givenFinalPayouts_whenMeasuring_itCountsChannelSideOutcomesOnlyAndTakesTheirP95() {
        // Payout rows name their channel without a foreign key: a channel of this test's own keeps
        // the other tests' payouts out of the measurement.
        String channel = "measured-" + UUID.randomUUID().toString().substring(0, 8);
        UUID application = application();
        Instant now = Instant.now();
        for (int i = 0; i < 18; i++) {
            payout(application, channel, "SUCCEEDED", false, new BigDecimal("100"), Duration.ofMillis(100 + i * 10),
                    now.minusSeconds(60 + i));
        }
        for (int i = 0; i < 7; i++) {
            payout(application, channel, i < 5 ? "DECLINED" : "PROVEN_NOT_SENT", false, new BigDecimal("100"),
                    Duration.ofMillis(1000), now.minusSeconds(30 + i));
        }
        for (int i = 0; i < 10; i++) {
            payout(application, channel, "DECLINED", true, new BigDecimal("100"), Duration.ofMillis(50),
                    now.minusSeconds(20 + i));
        }
        payout(application, channel, "DECLINED", false, new BigDecimal("100"), Duration.ofMillis(10),
                now.minus(Duration.ofMinutes(61)));

        PayoutStatistics all = registry.measure(channel, now, Duration.ofHours(1), 200);
        PayoutStatistics latestTen = registry.measure(channel, now, Duration.ofHours(1), 10);

        assertThat(all.finalPayouts()).isEqualTo(25);
        assertThat(all.succeeded()).isEqualTo(18);
        assertThat(all.successRate()).isEqualTo(18.0 / 25.0);
        assertThat(all.p95LatencyMs()).isEqualTo(1000L);
        // The 7 channel-side failures settled last, then the 3 latest successes.
        assertThat(latestTen.finalPayouts()).isEqualTo(10);
        assertThat(latestTen.succeeded()).isEqualTo(3);
    }

    @Test
    void givenManyChannelSideDeclines_whenChecked_itIsSuccessRateLowUntilTheyLeaveTheWindow() {
        UUID application = application();
        Instant now = Instant.now();
        BigDecimal usedBefore = channel("manual-desk").dailyUsed();
        for (int i = 0; i < 60; i++) {
            payout(application, "manual-desk", "DECLINED", false, new BigDecimal("30000"), Duration.ofMillis(400),
                    now.minusSeconds(10 + i));
        }

        ChannelHealth manual = checked("manual-desk");

        assertThat(manual.state()).isEqualTo("DEGRADED");
        assertThat(manual.reason()).isEqualTo("SUCCESS_RATE_LOW");
        assertThat(manual.successRate()).isLessThan(0.90);

        jdbc.update("update payout set settled_at = settled_at - interval '2 hours' where channel = 'manual-desk'"
                + " and idempotency_key like ?", application + ":%");
        assertThat(checked("manual-desk").state()).as("still counting healthy checks").isEqualTo("DEGRADED");
        checked("manual-desk");
        assertThat(checked("manual-desk").state())
                .as("healthy again three checks after its bad payouts left the window").isEqualTo("HEALTHY");
        // A declined payout moved no money: it uses none of the daily limit.
        assertThat(channel("manual-desk").dailyUsed()).isEqualByComparingTo(usedBefore);
    }

    @Test
    void givenTooFewFinalPayouts_whenChecked_itKeepsTheStoredSuccessRate() {
        double before = channel("bankwire").successRate();
        UUID application = application();
        for (int i = 0; i < 5; i++) {
            payout(application, "bankwire", "DECLINED", false, new BigDecimal("100"), Duration.ofMillis(200),
                    Instant.now().minusSeconds(10 + i));
        }

        ChannelHealth bankwire = checked("bankwire");

        assertThat(bankwire.state()).isEqualTo("HEALTHY");
        assertThat(bankwire.successRate()).isEqualTo(before);
    }

    @Test
    void givenAPayoutHeldOnTheChannel_whenReadingTheRegistry_theAvailableBalanceIsReportedLessTheHold() {
        UUID application = application();
        String key = application + ":payout:1";
        Instant now = Instant.now();
        PaymentChannel before = channel("swiftpay");
        jdbc.update("""
                insert into payout (idempotency_key, application_id, attempt, channel, amount, status, currency,
                                    sent_at, created_at, updated_at)
                values (?, ?, 1, 'swiftpay', 2500.00, 'SENT_UNCONFIRMED', 'CNY', ?, ?, ?)""",
                key, application, Timestamp.from(now), Timestamp.from(now), Timestamp.from(now));
        jdbc.update("""
                insert into channel_balance_hold (idempotency_key, channel, amount, state, created_at, updated_at)
                values (?, 'swiftpay', 2500.00, 'HELD', ?, ?)""", key, Timestamp.from(now), Timestamp.from(now));
        try {
            PaymentChannel swiftpay = channel("swiftpay");

            assertThat(swiftpay.heldAmount()).isEqualByComparingTo(before.heldAmount().add(new BigDecimal("2500")));
            assertThat(swiftpay.availableBalance())
                    .isEqualByComparingTo(before.availableBalance().subtract(new BigDecimal("2500")));
            assertThat(swiftpay.dailyUsed()).isEqualByComparingTo(before.dailyUsed().add(new BigDecimal("2500")));
        } finally {
            jdbc.update("delete from channel_balance_hold where idempotency_key = ?", key);
            jdbc.update("delete from payout where idempotency_key = ?", key);
        }
    }

    @Test
    void givenASmallAmount_whenRanking_theInstantChannelComesFirstAndTheManualDeskIsLeftOut() {
        ChannelRanking ranking = routing.rankChannels(new RoutingRequest("app-small", new BigDecimal("1000")));

        assertThat(ranking.channels()).containsExactly("swiftpay", "bankwire");
        assertThat(ranking.excluded()).containsExactly(new ChannelExclusion("manual-desk", "BELOW_MANUAL_THRESHOLD"));
        ChannelScore swiftpay = ranking.candidates().get(0);
        // fee 1.00 + 0.1 % of 1000, 5 s at 0.05 CNY/s, and no failures measured yet.
        assertThat(swiftpay.fee()).isEqualByComparingTo("2.00");
        assertThat(swiftpay.expectedSecondsToFunds()).isEqualTo(5);
        assertThat(swiftpay.cost()).isLessThan(ranking.candidates().get(1).cost());
    }

    @Test
    void givenAnAmountAboveTheManualThreshold_whenRanking_onlyTheManualDeskIsACandidate() {
        ChannelRanking ranking = routing.rankChannels(new RoutingRequest("app-large", new BigDecimal("30000")));

        assertThat(ranking.channels()).containsExactly("manual-desk");
        assertThat(ranking.candidates().get(0).kind()).isEqualTo("MANUAL");
        assertThat(ranking.excluded()).containsExactlyInAnyOrder(
                new ChannelExclusion("swiftpay", "ABOVE_MANUAL_THRESHOLD"),
                new ChannelExclusion("bankwire", "ABOVE_MANUAL_THRESHOLD"));
    }

    @Test
    void givenADegradedChannel_whenRanking_itGetsNoTrafficUntilItRecovers() throws Exception {
        failHealthChecks("swiftpay");
        checked("swiftpay");

        ChannelRanking degraded = routing.rankChannels(new RoutingRequest("app-degraded", new BigDecimal("1000")));

        assertThat(degraded.channels()).containsExactly("bankwire");
        assertThat(degraded.excluded()).contains(new ChannelExclusion("swiftpay", "DEGRADED"));

        passHealthChecks("swiftpay");
        for (int i = 0; i < 3; i++) {
            checked("swiftpay");
        }
        assertThat(routing.rankChannels(new RoutingRequest("app-recovered", new BigDecimal("1000"))).channels())
                .containsExactly("swiftpay", "bankwire");
    }

    @Test
    void givenLimitsBalanceStateAndCurrency_whenRanking_eachLeftOutChannelIsNamedWithWhy() {
        registry.force("manual-desk", ChannelState.DISABLED, "FORCED_DOWN", Instant.now());
        jdbc.update("update payment_channel set max_amount = 500.00 where name = 'swiftpay'");
        // As if the last check had found bankwire nearly empty after it passed (holds since then).
        jdbc.update("update payment_channel set reported_balance = 1500.00 where name = 'bankwire'");
        try {
            ChannelRanking small = routing.rankChannels(new RoutingRequest("app-limits", new BigDecimal("2000")));
            ChannelRanking large = routing.rankChannels(new RoutingRequest("app-large", new BigDecimal("30000")));
            ChannelRanking dollars = routing.rankChannels(new RoutingRequest("app-usd", new BigDecimal("100"), "USD"));

            assertThat(small.channels()).isEmpty();
            assertThat(small.excluded()).containsExactlyInAnyOrder(new ChannelExclusion("swiftpay", "OVER_LIMIT"),
                    new ChannelExclusion("bankwire", "BALANCE"), new ChannelExclusion("manual-desk", "DISABLED"));
            assertThat(large.channels()).isEmpty();
            assertThat(dollars.excluded()).contains(new ChannelExclusion("swiftpay", "CURRENCY"),
                    new ChannelExclusion("bankwire", "CURRENCY"));
        } finally {
            jdbc.update("update payment_channel set max_amount = 20000.00 where name = 'swiftpay'");
        }
    }

    @Test
    void givenADailyLimitAlmostUsed_whenRanking_theChannelIsLeftOutForAPayoutThatWouldPassIt() {
        jdbc.update("update payment_channel set daily_limit = ? where name = 'swiftpay'",
                channel("swiftpay").dailyUsed().add(new BigDecimal("1500")));
        try {
            assertThat(routing.rankChannels(new RoutingRequest("app-fits", new BigDecimal("1500"))).channels())
                    .contains("swiftpay");
            assertThat(routing.rankChannels(new RoutingRequest("app-over", new BigDecimal("1500.01"))).excluded())
                    .contains(new ChannelExclusion("swiftpay", "DAILY_LIMIT"));
        } finally {
            jdbc.update("update payment_channel set daily_limit = 5000000.00 where name = 'swiftpay'");
        }
    }

    @Test
    void givenOpeningHoursThatExcludeNow_whenRanking_theChannelIsClosed() {
        LocalTime local = LocalTime.now(ChannelRegistry.BUSINESS_ZONE);
        jdbc.update("update payment_channel set opens_at = ?, closes_at = ? where name = 'bankwire'",
                Time.valueOf(local.plusHours(2).withNano(0)), Time.valueOf(local.plusHours(3).withNano(0)));
        try {
            assertThat(routing.rankChannels(new RoutingRequest("app-closed", new BigDecimal("1000"))).excluded())
                    .contains(new ChannelExclusion("bankwire", "CLOSED"));
        } finally {
            jdbc.update("update payment_channel set opens_at = null, closes_at = null where name = 'bankwire'");
        }
    }
}
