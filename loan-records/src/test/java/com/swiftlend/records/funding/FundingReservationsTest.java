package com.swiftlend.records.funding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.swiftlend.records.funding.FundingReservations.Release;
import com.swiftlend.records.funding.FundingReservations.RefusedTransition;
import com.swiftlend.records.funding.FundingReservations.State;
import com.swiftlend.workflows.funding.FunderAnswer;
import com.swiftlend.workflows.funding.FunderOffer;
import com.swiftlend.workflows.funding.FundingRequest;
import com.swiftlend.workflows.funding.FundingReservation;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Quotas and reservations on a real PostgreSQL 15 with the real migrations. */
class FundingReservationsTest {

    private static EmbeddedPostgres postgres;
    private static HikariDataSource dataSource;
    private static JdbcTemplate jdbc;

    private final TestClock clock = new TestClock(Instant.parse("2025-03-14T02:00:00Z"));
    private FundingReservations reservations;
    private String prefix;

    @BeforeAll
    static void startDatabase() throws Exception {
        postgres = EmbeddedPostgres.builder().start();
        dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(postgres.getJdbcUrl("postgres", "postgres"));
        dataSource.setUsername("postgres");
        // Enough connections that the concurrent reservations really contend in the database.
        dataSource.setMaximumPoolSize(25);
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @AfterAll
    static void stopDatabase() throws Exception {
        dataSource.close();
        postgres.close();
    }

    @BeforeEach
    void setUp() {
        reservations = new FundingReservations(new NamedParameterJdbcTemplate(dataSource),
                new DataSourceTransactionManager(dataSource), clock);
        // Each test sees only the funders it creates.
        jdbc.update("update funder set enabled = false");
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8) + "-";
    }

    @Test
    void givenFundersWithVariousTerms_whenRanking_itOffersOnlyEligibleOnesCheapestFirstTiesByName() {
        funder("b-cheap", "0.0500", "100000", "100", "20000", 7, 180, null, null);
        funder("a-cheap", "0.0500", "100000", "100", "20000", 7, 180, null, null);
        funder("mid", "0.0600", "100000", "100", "20000", 7, 180, "{11,31}", null);
        funder("pricey", "0.0900", "100000", "100", "50000", 7, 365, null, null);
        funder("amount-too-big", "0.0100", "100000", "100", "999", 7, 180, null, null);
        funder("term-too-long", "0.0100", "100000", "100", "20000", 7, 29, null, null);
        funder("other-region", "0.0100", "100000", "100", "20000", 7, 180, "{44}", null);
        funder("prime-only", "0.0100", "100000", "100", "20000", 7, 180, null, "{prime}");
        funder("no-quota-left", "0.0100", "999", "100", "20000", 7, 180, null, null);
        funder("switched-off", "0.0100", "100000", "100", "20000", 7, 180, null, null);
        jdbc.update("update funder set enabled = false where name = ?", prefix + "switched-off");

        List<FunderOffer> offers = reservations.eligibleFunders(request(app(), "1000", 30, "11", null));

        assertThat(offers).extracting(FunderOffer::funder)
                .containsExactly(prefix + "a-cheap", prefix + "b-cheap", prefix + "mid", prefix + "pricey");
        assertThat(offers.get(0).annualPrice()).isEqualByComparingTo("0.05");
        assertThat(offers.get(0).quotaLeft()).isEqualByComparingTo("100000");
        assertThat(reservations.eligibleFunders(request(app(), "1000", 30, null, null)))
                .extracting(FunderOffer::funder)
                .as("an unknown region is eligible only where the funder names no regions")
                .containsExactly(prefix + "a-cheap", prefix + "b-cheap", prefix + "pricey");
        assertThat(reservations.eligibleFunders(request(app(), "1000", 30, "44", "prime")))
                .extracting(FunderOffer::funder)
                .containsExactly(prefix + "other-region", prefix + "prime-only", prefix + "a-cheap",
                        prefix + "b-cheap", prefix + "pricey");
    }

    @Test
    void givenPartOfTheQuotaReserved_whenRanking_itOffersWhatIsLeftAndDropsAFunderThatCannotCoverTheLoan() {
        String funder = funder("tight", "0.0500", "250", "100", "20000", 7, 180, null, null);
        reservations.reserve(request(app(), "100", 30, "11", null), funder);

        assertThat(reservations.eligibleFunders(request(app(), "150", 30, "11", null)))
                .extracting(FunderOffer::funder, FunderOffer::quotaLeft)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(funder, new BigDecimal("150.00")));
        assertThat(reservations.eligibleFunders(request(app(), "151", 30, "11", null))).isEmpty();
    }

    @Test
    void givenQuotaForTen_whenFiftyApplicationsReserveAtOnce_exactlyTenGetItAndReleasingGivesItAllBack()
            throws Exception {
        String funder = funder("contended", "0.0500", "1000", "100", "20000", 7, 180, null, null);
        List<UUID> applications = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            applications.add(app());
        }
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(50);
        List<Future<FundingReservation>> answers = new ArrayList<>();
        try {
            for (UUID application : applications) {
                answers.add(threads.submit(() -> {
                    start.await();
                    return reservations.reserve(request(application, "100", 30, "11", null), funder);
                }));
            }
            start.countDown();
            List<FundingReservation> results = new ArrayList<>();
            for (Future<FundingReservation> answer : answers) {
                results.add(answer.get(60, TimeUnit.SECONDS));
            }

            assertThat(results).filteredOn(FundingReservation::reserved).hasSize(10);
            assertThat(results).filteredOn(result -> !result.reserved())
                    .hasSize(40)
                    .allSatisfy(result -> assertThat(result.reason()).isEqualTo("QUOTA_EXHAUSTED"));
            assertThat(quota(funder, today(), "reserved")).isEqualByComparingTo("1000");
            assertThat(jdbc.queryForObject("select count(*) from funding_reservation where funder = ?"
                    + " and state = 'RESERVED'", Integer.class, funder)).isEqualTo(10);

            for (UUID application : applications) {
                reservations.release(application, funder, "TEST");
            }
            assertThat(quota(funder, today(), "reserved")).isEqualByComparingTo("0");
            assertThat(reservations.reserve(request(app(), "1000", 30, "11", null), funder).reserved()).isTrue();
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void givenOneApplicationReservingTwelveTimesAtOnce_itHoldsOneReservationAndTakesTheQuotaOnce() throws Exception {
        String funder = funder("duplicates", "0.0500", "10000", "100", "20000", 7, 180, null, null);
        UUID application = app();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            List<Future<FundingReservation>> answers = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Callable<FundingReservation> reserve = () -> {
                    start.await();
                    return reservations.reserve(request(application, "100", 30, "11", null), funder);
                };
                answers.add(threads.submit(reserve));
            }
            start.countDown();
            for (Future<FundingReservation> answer : answers) {
                assertThat(answer.get(60, TimeUnit.SECONDS)).isEqualTo(new FundingReservation(funder, true, null));
            }
        } finally {
            threads.shutdownNow();
        }

        assertThat(quota(funder, today(), "reserved")).isEqualByComparingTo("100");
        assertThat(reservations.find(application, funder)).get()
                .extracting(FundingReservations.Reservation::state).isEqualTo(State.RESERVED);
    }

    @Test
    void givenAReservation_whenReservedAgain_itAnswersItAsIsWithoutTakingMoreQuota() {
        String funder = funder("retried", "0.0500", "10000", "100", "20000", 7, 180, null, null);
        UUID application = app();

        FundingReservation first = reservations.reserve(request(application, "100", 30, "11", null), funder);
        FundingReservation again = reservations.reserve(request(application, "100", 30, "11", null), funder);
        reservations.consume(application, funder);
        FundingReservation afterConsumed = reservations.reserve(request(application, "100", 30, "11", null), funder);

        assertThat(first).isEqualTo(new FundingReservation(funder, true, null));
        assertThat(again).isEqualTo(first);
        assertThat(afterConsumed).isEqualTo(first);
        assertThat(quota(funder, today(), "reserved")).isEqualByComparingTo("0");
        assertThat(quota(funder, today(), "consumed")).isEqualByComparingTo("100");
    }

    @Test
    void givenAReleasedReservation_whenReservedAgain_itTakesTheQuotaAgainOnceAndClearsTheOldAnswer() {
        String funder = funder("again", "0.0500", "10000", "100", "20000", 7, 180, null, null);
        UUID application = app();
        reservations.reserve(request(application, "100", 30, "11", null), funder);
        reservations.recordAnswer(application, new FunderAnswer(funder, false, "POLICY", "ref-1"));
        reservations.release(application, funder, "FUNDER_REFUSED");

        FundingReservation again = reservations.reserve(request(application, "120", 30, "11", null), funder);
        reservations.reserve(request(application, "120", 30, "11", null), funder);

        assertThat(again.reserved()).isTrue();
        assertThat(quota(funder, today(), "reserved")).isEqualByComparingTo("120");
        assertThat(reservations.find(application, funder)).get().satisfies(reservation -> {
            assertThat(reservation.state()).isEqualTo(State.RESERVED);
            assertThat(reservation.amount()).isEqualByComparingTo("120");
            assertThat(reservation.funderAnswer()).isNull();
        });
    }

    @Test
    void givenAReservation_whenReleasedTwice_itGivesTheQuotaBackOnce() {
        String funder = funder("release", "0.0500", "10000", "100", "20000", 7, 180, null, null);
        UUID application = app();
        UUID other = app();
        reservations.reserve(request(application, "100", 30, "11", null), funder);
        reservations.reserve(request(other, "300", 30, "11", null), funder);

        Release first = reservations.release(application, funder, "PAYOUT_FAILED");
        Release second = reservations.release(application, funder, "PAYOUT_FAILED");

        assertThat(first.released()).isTrue();
        assertThat(first.reservation().state()).isEqualTo(State.RELEASED);
        assertThat(first.reservation().reason()).isEqualTo("PAYOUT_FAILED");
        assertThat(second.released()).isFalse();
        assertThat(second.reservation()).isEqualTo(first.reservation());
        assertThat(quota(funder, today(), "reserved")).isEqualByComparingTo("300");
    }

    @Test
    void givenNoReservation_whenReleased_nothingChanges() {
        String funder = funder("nothing", "0.0500", "10000", "100", "20000", 7, 180, null, null);

        Release release = reservations.release(app(), funder, "PAYOUT_FAILED");

        assertThat(release).isEqualTo(new Release(null, false));
        assertThat(jdbc.queryForObject("select count(*) from funder_quota_day where funder = ?", Integer.class, funder))
                .isZero();
    }

    @Test
    void givenAReservation_whenConsumedTwice_itMovesTheAmountFromReservedToConsumedOnce() {
        String funder = funder("consume", "0.0500", "10000", "100", "20000", 7, 180, null, null);
        UUID application = app();
        reservations.reserve(request(application, "100", 30, "11", null), funder);

        reservations.consume(application, funder);
        FundingReservations.Reservation second = reservations.consume(application, funder);

        assertThat(second.state()).isEqualTo(State.CONSUMED);
        assertThat(quota(funder, today(), "reserved")).isEqualByComparingTo("0");
        assertThat(quota(funder, today(), "consumed")).isEqualByComparingTo("100");
    }

    @Test
    void givenAConsumedReservation_whenReleased_itIsRefusedAndTheQuotaStaysUsed() {
        String funder = funder("consumed", "0.0500", "10000", "100", "20000", 7, 180, null, null);
        UUID application = app();
        reservations.reserve(request(application, "100", 30, "11", null), funder);
        reservations.consume(application, funder);

        assertThatThrownBy(() -> reservations.release(application, funder, "PAYOUT_FAILED"))
                .isInstanceOf(RefusedTransition.class)
                .hasMessageContaining("money went out");
        assertThat(reservations.find(application, funder)).get()
                .extracting(FundingReservations.Reservation::state).isEqualTo(State.CONSUMED);
        assertThat(quota(funder, today(), "consumed")).isEqualByComparingTo("100");
        assertThat(quota(funder, today(), "reserved")).isEqualByComparingTo("0");
    }

    @Test
    void givenAReleasedOrMissingReservation_whenConsumed_itIsRefused() {
        String funder = funder("no-consume", "0.0500", "10000", "100", "20000", 7, 180, null, null);
        UUID application = app();
        reservations.reserve(request(application, "100", 30, "11", null), funder);
        reservations.release(application, funder, "PAYOUT_FAILED");

        assertThatThrownBy(() -> reservations.consume(application, funder)).isInstanceOf(RefusedTransition.class);
        assertThatThrownBy(() -> reservations.consume(app(), funder)).isInstanceOf(RefusedTransition.class);
        assertThat(quota(funder, today(), "consumed")).isEqualByComparingTo("0");
    }

    @Test
    void givenAnIneligibleOrUnknownFunder_whenReserving_itAnswersNotEligibleAndTakesNothing() {
        String small = funder("small", "0.0500", "10000", "100", "500", 7, 180, null, null);
        UUID application = app();

        FundingReservation tooBig = reservations.reserve(request(application, "501", 30, "11", null), small);
        FundingReservation unknown = reservations.reserve(request(application, "100", 30, "11", null),
                prefix + "nobody");

        assertThat(tooBig).isEqualTo(new FundingReservation(small, false, "NOT_ELIGIBLE"));
        assertThat(unknown.reason()).isEqualTo("NOT_ELIGIBLE");
        assertThat(reservations.find(application, small)).isEmpty();
        assertThat(jdbc.queryForObject("select count(*) from funder_quota_day where funder = ?", Integer.class, small))
                .isZero();
    }

    @Test
    void givenTheQuotaUsedUpLateInTheShanghaiDay_whenReservingAtShanghaiMidnight_itCountsOnTheNewDay() {
        String funder = funder("midnight", "0.0500", "100", "100", "20000", 7, 180, null, null);
        // 23:59:59 in Shanghai on the 14th; still the 14th in UTC eight hours later.
        clock.set(Instant.parse("2025-03-14T15:59:59Z"));
        UUID late = app();
        assertThat(reservations.reserve(request(late, "100", 30, "11", null), funder).reserved()).isTrue();
        assertThat(reservations.reserve(request(app(), "100", 30, "11", null), funder))
                .isEqualTo(new FundingReservation(funder, false, "QUOTA_EXHAUSTED"));

        clock.set(Instant.parse("2025-03-14T16:00:00Z"));
        UUID nextDay = app();
        FundingReservation afterMidnight = reservations.reserve(request(nextDay, "100", 30, "11", null), funder);
        reservations.release(late, funder, "PAYOUT_FAILED");

        assertThat(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC)).isEqualTo(LocalDate.of(2025, 3, 14));
        assertThat(reservations.today()).isEqualTo(LocalDate.of(2025, 3, 15));
        assertThat(afterMidnight.reserved()).isTrue();
        assertThat(reservations.find(nextDay, funder)).get()
                .extracting(FundingReservations.Reservation::day).isEqualTo(LocalDate.of(2025, 3, 15));
        assertThat(quota(funder, LocalDate.of(2025, 3, 14), "reserved"))
                .as("a release gives the quota back to the day it was taken on").isEqualByComparingTo("0");
        assertThat(quota(funder, LocalDate.of(2025, 3, 15), "reserved")).isEqualByComparingTo("100");
    }

    private String funder(String name, String price, String quota, String minAmount, String maxAmount, int minTerm,
            int maxTerm, String regions, String segments) {
        String funder = prefix + name;
        jdbc.update("""
                insert into funder (name, annual_price, daily_quota, min_amount, max_amount, min_term_days,
                                    max_term_days, regions, segments)
                values (?, ?, ?, ?, ?, ?, ?, cast(? as varchar(2)[]), cast(? as varchar(16)[]))""",
                funder, new BigDecimal(price), new BigDecimal(quota), new BigDecimal(minAmount),
                new BigDecimal(maxAmount), minTerm, maxTerm, regions, segments);
        return funder;
    }

    /** A loan application row for the reservation's foreign key; the protected columns hold dummies. */
    private static UUID app() {
        UUID id = UUID.randomUUID();
        jdbc.update("""
                insert into loan_application (id, idempotency_key, request_fingerprint, applicant_name, id_number,
                                              phone, bank_card, device_id, client_ip, amount, term_days, status,
                                              current_step, submitted_at, updated_at)
                values (?, ?, ?, 'x', 'x', 'x', 'x', 'device', '127.0.0.1', 1000, 30, 'APPROVED', 'FUNDING', now(),
                        now())""",
                id, id.toString(), "0".repeat(64));
        return id;
    }

    private static FundingRequest request(UUID application, String amount, int termDays, String region,
            String segment) {
        return new FundingRequest(application.toString(), new BigDecimal(amount), termDays, region, segment);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of("Asia/Shanghai"));
    }

    private static BigDecimal quota(String funder, LocalDate day, String column) {
        return jdbc.queryForObject("select " + column + " from funder_quota_day where funder = ? and day = ?",
                BigDecimal.class, funder, day);
    }

    /** A clock the test moves; reservations read "today" through it. */
    private static final class TestClock extends Clock {

        private volatile Instant now;

        TestClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
