package com.swiftlend.records.funding;

import com.swiftlend.workflows.funding.FunderAnswer;
import com.swiftlend.workflows.funding.FunderOffer;
import com.swiftlend.workflows.funding.FundingRequest;
import com.swiftlend.workflows.funding.FundingReservation;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Capital partners' daily quotas and the reservations held against them (tables {@code funder},
 * {@code funder_quota_day}, {@code funding_reservation}).
 *
 * <p>A reservation takes quota with ONE conditional UPDATE of the funder's row for the day
 * ({@code reserved + consumed + amount <= daily_quota}): concurrent reservations queue on that row's
 * lock and each re-checks the condition against the committed total, so the quota is never
 * oversubscribed whatever the concurrency. The reservation row is written in the same transaction;
 * if it cannot be (a concurrent duplicate for the same application and funder loses on the primary
 * key), the whole transaction, quota included, rolls back.
 *
 * <p>Locks are always taken reservation row first, quota row second, so reserve, release and
 * consume cannot deadlock one another.
 *
 * <p>"Today" is the business day in Asia/Shanghai, where the funders count their quotas; a
 * reservation keeps the day it was taken on, and is given back or consumed on that day's row.
 */
@Component
public class FundingReservations {

    /** The funders' business day: their quotas are per calendar day in China. */
    static final ZoneId BUSINESS_ZONE = ZoneId.of("Asia/Shanghai");

    /** Stored states of a reservation. */
    public enum State {
        RESERVED, CONSUMED, RELEASED
    }

    /**
     * One application's reservation at one funder, as stored.
     *
     * @param funderAnswer APPROVED or REFUSED once the funder answered, else null
     */
    public record Reservation(UUID applicationId, String funder, LocalDate day, BigDecimal amount, State state,
            String funderAnswer, String funderReference, String reason) {
    }

    /**
     * What a release did.
     *
     * @param reservation the reservation after the call; null when there was none
     * @param released whether this call gave the quota back (false: none held, or already released)
     */
    public record Release(Reservation reservation, boolean released) {
    }

    /** Raised for a state change the reservation's state forbids (releasing money that went out). */
    public static final class RefusedTransition extends RuntimeException {

        RefusedTransition(String message) {
            super(message);
        }
    }

    private static final int REASON_LENGTH = 64;

    // The eligibility rules, shared by the ranking and by the reservation of one named funder. The
    // casts type the parameters for PostgreSQL when they are null (region or segment unknown).
    private static final String ELIGIBLE = """
            f.enabled
              and cast(:amount as numeric) between f.min_amount and f.max_amount
              and cast(:termDays as integer) between f.min_term_days and f.max_term_days
              and (f.regions is null or cast(:region as varchar) = any (f.regions))
              and (f.segments is null or cast(:segment as varchar) = any (f.segments))
            """;

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    FundingReservations(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactionManager, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
    }

    /** Today's business day, as reservations count it. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), BUSINESS_ZONE);
    }

    /**
     * Funders that may fund this loan and have enough of today's quota left for its whole amount,
     * cheapest first, equal prices by name (so the order is stable).
     */
    public List<FunderOffer> eligibleFunders(FundingRequest request) {
        validate(request);
        return jdbc.query("""
                select f.name, f.annual_price,
                       f.daily_quota - coalesce(q.reserved, 0) - coalesce(q.consumed, 0) as quota_left
                  from funder f
                  left join funder_quota_day q on q.funder = f.name and q.day = :day
                 where\s""" + ELIGIBLE + """
                   and f.daily_quota - coalesce(q.reserved, 0) - coalesce(q.consumed, 0) >= :amount
                 order by f.annual_price, f.name""",
                eligibility(request).addValue("day", today()),
                (rs, row) -> new FunderOffer(rs.getString("name"), rs.getBigDecimal("annual_price"),
                        rs.getBigDecimal("quota_left")));
    }

    /**
     * Reserves the loan's amount against the funder's quota for today. An application that already
     * holds a RESERVED or CONSUMED reservation at this funder gets it answered as is (a retried
     * activity takes nothing twice). A RELEASED one is reserved afresh: its quota was given back
     * and the funder was told we withdrew, so taking the quota again counts it exactly once and the
     * funder is asked again (its earlier answer is cleared). That happens when a workflow resumed
     * from the database runs funding again. A zombie attempt of an earlier reserve, executing after
     * its workflow released the reservation, would also re-reserve: the stale-reservation sweep of
     * the operator queue is what returns such quota.
     */
    public FundingReservation reserve(FundingRequest request, String funder) {
        validate(request);
        UUID applicationId = UUID.fromString(request.applicationId());
        try {
            return transactions.execute(status -> reserveInTransaction(request, applicationId, funder));
        } catch (DuplicateKeyException concurrentDuplicate) {
            // Another reservation of this application at this funder committed first; this
            // transaction (and the quota it took) rolled back. What that one holds is the answer.
            Reservation winner = find(applicationId, funder).orElseThrow(() -> concurrentDuplicate);
            return new FundingReservation(funder, winner.state() != State.RELEASED,
                    winner.state() == State.RELEASED ? winner.reason() : null);
        }
    }

    private FundingReservation reserveInTransaction(FundingRequest request, UUID applicationId, String funder) {
        Optional<Reservation> existing = lock(applicationId, funder);
        if (existing.isPresent() && existing.get().state() != State.RELEASED) {
            return new FundingReservation(funder, true, null);
        }
        Integer eligible = jdbc.queryForObject("select count(*) from funder f where f.name = :funder and " + ELIGIBLE,
                eligibility(request).addValue("funder", funder), Integer.class);
        if (eligible == null || eligible == 0) {
            return new FundingReservation(funder, false, "NOT_ELIGIBLE");
        }
        LocalDate day = today();
        MapSqlParameterSource params = new MapSqlParameterSource()
                .addValue("funder", funder)
                .addValue("day", day)
                .addValue("amount", request.amount())
                .addValue("applicationId", applicationId)
                .addValue("now", Timestamp.from(Instant.now(clock)));
        jdbc.update("insert into funder_quota_day (funder, day) values (:funder, :day) on conflict do nothing",
                params);
        int taken = jdbc.update("""
                update funder_quota_day set reserved = reserved + :amount
                 where funder = :funder and day = :day
                   and reserved + consumed + :amount <= (select daily_quota from funder where name = :funder)""",
                params);
        if (taken == 0) {
            return new FundingReservation(funder, false, "QUOTA_EXHAUSTED");
        }
        if (existing.isPresent()) {
            jdbc.update("""
                    update funding_reservation
                       set state = 'RESERVED', day = :day, amount = :amount, funder_answer = null,
                           funder_reference = null, reason = null, updated_at = :now
                     where application_id = :applicationId and funder = :funder""", params);
        } else {
            jdbc.update("""
                    insert into funding_reservation (application_id, funder, day, amount, state, created_at, updated_at)
                    values (:applicationId, :funder, :day, :amount, 'RESERVED', :now, :now)""", params);
        }
        return new FundingReservation(funder, true, null);
    }

    /**
     * Gives a RESERVED reservation's amount back to the quota of the day it was taken on, in one
     * transaction with its change to RELEASED. Releasing what is already released, or nothing, changes
     * nothing.
     *
     * @throws RefusedTransition when the reservation was consumed: the money went out
     */
    public Release release(UUID applicationId, String funder, String reason) {
        return transactions.execute(status -> {
            Optional<Reservation> existing = lock(applicationId, funder);
            if (existing.isEmpty()) {
                return new Release(null, false);
            }
            Reservation reservation = existing.get();
            switch (reservation.state()) {
                case RELEASED:
                    return new Release(reservation, false);
                case CONSUMED:
                    throw new RefusedTransition("the reservation of " + applicationId + " at " + funder
                            + " was consumed: the money went out and cannot be released");
                default:
                    break;
            }
            MapSqlParameterSource params = key(applicationId, funder, reservation)
                    .addValue("reason", reason == null ? null : truncate(reason));
            jdbc.update("""
                    update funding_reservation set state = 'RELEASED', reason = :reason, updated_at = :now
                     where application_id = :applicationId and funder = :funder""", params);
            jdbc.update("update funder_quota_day set reserved = reserved - :amount where funder = :funder and day = :day",
                    params);
            return new Release(lock(applicationId, funder).orElseThrow(), true);
        });
    }

    /**
     * The money went out: a RESERVED reservation's amount moves from the day's reserved to its
     * consumed quota. Consuming it again changes nothing.
     *
     * @throws RefusedTransition when there is no reservation or it was released: the funder was told
     *     we withdrew, so its quota must not count a loan it does not know it funded
     */
    public Reservation consume(UUID applicationId, String funder) {
        return transactions.execute(status -> {
            Reservation reservation = lock(applicationId, funder).orElseThrow(() -> new RefusedTransition(
                    "no reservation of " + applicationId + " at " + funder + " to consume"));
            switch (reservation.state()) {
                case CONSUMED:
                    return reservation;
                case RELEASED:
                    throw new RefusedTransition("the reservation of " + applicationId + " at " + funder
                            + " was released and cannot be consumed");
                default:
                    break;
            }
            MapSqlParameterSource params = key(applicationId, funder, reservation);
            jdbc.update("""
                    update funding_reservation set state = 'CONSUMED', updated_at = :now
                     where application_id = :applicationId and funder = :funder""", params);
            jdbc.update("""
                    update funder_quota_day set reserved = reserved - :amount, consumed = consumed + :amount
                     where funder = :funder and day = :day""", params);
            return lock(applicationId, funder).orElseThrow();
        });
    }

    /**
     * Records the funder's own answer on the reservation, whatever its state (the answer is a fact
     * either way).
     *
     * @return whether a reservation was there to record it on
     */
    public boolean recordAnswer(UUID applicationId, FunderAnswer answer) {
        return jdbc.update("""
                update funding_reservation
                   set funder_answer = :answer, funder_reference = :reference, reason = :reason, updated_at = :now
                 where application_id = :applicationId and funder = :funder""",
                new MapSqlParameterSource()
                        .addValue("applicationId", applicationId)
                        .addValue("funder", answer.funder())
                        .addValue("answer", answer.approved() ? "APPROVED" : "REFUSED")
                        .addValue("reference", answer.funderReference())
                        .addValue("reason", answer.reason() == null ? null : truncate(answer.reason()))
                        .addValue("now", Timestamp.from(Instant.now(clock)))) == 1;
    }

    public Optional<Reservation> find(UUID applicationId, String funder) {
        return jdbc.query("select * from funding_reservation where application_id = :applicationId and funder = :funder",
                new MapSqlParameterSource("applicationId", applicationId).addValue("funder", funder),
                FundingReservations::reservation).stream().findFirst();
    }

    private Optional<Reservation> lock(UUID applicationId, String funder) {
        return jdbc.query("""
                select * from funding_reservation
                 where application_id = :applicationId and funder = :funder for update""",
                new MapSqlParameterSource("applicationId", applicationId).addValue("funder", funder),
                FundingReservations::reservation).stream().findFirst();
    }

    private MapSqlParameterSource key(UUID applicationId, String funder, Reservation reservation) {
        return new MapSqlParameterSource()
                .addValue("applicationId", applicationId)
                .addValue("funder", funder)
                .addValue("day", reservation.day())
                .addValue("amount", reservation.amount())
                .addValue("now", Timestamp.from(Instant.now(clock)));
    }

    private static MapSqlParameterSource eligibility(FundingRequest request) {
        return new MapSqlParameterSource()
                .addValue("amount", request.amount())
                .addValue("termDays", request.termDays())
                .addValue("region", request.region())
                .addValue("segment", request.segment());
    }

    private static void validate(FundingRequest request) {
        if (request == null || request.applicationId() == null || request.amount() == null
                || request.amount().signum() <= 0 || request.termDays() <= 0) {
            throw new IllegalArgumentException("a funding request needs an application id, a positive amount"
                    + " and a positive term: " + request);
        }
        UUID.fromString(request.applicationId());
    }

    private static String truncate(String reason) {
        return reason.length() <= REASON_LENGTH ? reason : reason.substring(0, REASON_LENGTH);
    }

    private static Reservation reservation(ResultSet rs, int row) throws SQLException {
        return new Reservation(rs.getObject("application_id", UUID.class), rs.getString("funder"),
                rs.getObject("day", LocalDate.class), rs.getBigDecimal("amount"), State.valueOf(rs.getString("state")),
                rs.getString("funder_answer"), rs.getString("funder_reference"), rs.getString("reason"));
    }
}
