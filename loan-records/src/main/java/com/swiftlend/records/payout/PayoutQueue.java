package com.swiftlend.records.payout;

import com.swiftlend.workflows.application.ApplicationState;
import com.swiftlend.workflows.payment.PayoutState;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/** The payouts an operator has to look at, newest first, with where their application stands. */
@Component
public class PayoutQueue {

    /** Not SUCCEEDED and not merely claimed: in doubt, declined, or proven not sent. */
    public static final Set<PayoutState> NEEDS_A_PERSON = EnumSet.of(PayoutState.SENT_UNCONFIRMED,
            PayoutState.PENDING_AT_CHANNEL, PayoutState.DECLINED, PayoutState.PROVEN_NOT_SENT);

    private final NamedParameterJdbcTemplate jdbc;

    PayoutQueue(NamedParameterJdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public List<QueuedPayout> inStates(Set<PayoutState> states, int limit) {
        return jdbc.query("""
                select p.idempotency_key, p.application_id, p.attempt, p.channel, p.amount, p.currency, p.status,
                       p.failure_reason, p.beneficiary_decline, p.send_count, p.sent_at, p.settled_at, p.updated_at,
                       a.status application_status
                  from payout p join loan_application a on a.id = p.application_id
                 where p.status in (:states)
                 order by p.updated_at desc, p.idempotency_key
                 limit :limit""",
                new MapSqlParameterSource("states", states.stream().map(Enum::name).toList()).addValue("limit", limit),
                (rs, row) -> new QueuedPayout(rs.getString("idempotency_key"),
                        rs.getObject("application_id", UUID.class), rs.getInt("attempt"), rs.getString("channel"),
                        rs.getBigDecimal("amount"), rs.getString("currency"), PayoutState.valueOf(rs.getString("status")),
                        rs.getString("failure_reason"), rs.getBoolean("beneficiary_decline"), rs.getInt("send_count"),
                        instant(rs.getTimestamp("sent_at")), instant(rs.getTimestamp("settled_at")),
                        instant(rs.getTimestamp("updated_at")),
                        rs.getString("application_status")));
    }

    /**
     * Loans whose money a person must look at: DISBURSEMENT_FAILED (nothing was paid and the funding
     * was given back, whatever the reason, also when no payout was ever attempted because no funder
     * agreed) and DISBURSING (still being paid, perhaps a payout in doubt), oldest first.
     */
    public List<QueuedDisbursement> disbursements(Set<ApplicationState> statuses, int limit) {
        return jdbc.query("""
                select a.id, a.status, a.amount, a.payout->>'note' reason, a.funding->>'funder' funder,
                       a.funding->>'state' funding_state, a.updated_at,
                       (select count(*) from payout p where p.application_id = a.id) attempts,
                       (select p.status from payout p where p.application_id = a.id order by p.attempt desc limit 1)
                           last_payout_state
                  from loan_application a
                 where a.status in (:statuses)
                 order by a.updated_at, a.id
                 limit :limit""",
                new MapSqlParameterSource("statuses", statuses.stream().map(Enum::name).toList())
                        .addValue("limit", limit),
                (rs, row) -> new QueuedDisbursement(rs.getObject("id", UUID.class),
                        ApplicationState.valueOf(rs.getString("status")), rs.getBigDecimal("amount"),
                        rs.getString("reason"), rs.getString("funder"), rs.getString("funding_state"),
                        rs.getInt("attempts"), rs.getString("last_payout_state"),
                        instant(rs.getTimestamp("updated_at"))));
    }

    /**
     * @param reason why the disbursement failed (NO_FUNDER_AVAILABLE, NO_CHANNEL_AVAILABLE, CARD_BLOCKED, ...)
     * @param fundingState RESERVED, CONSUMED, RELEASED or NONE, as the status last recorded it
     * @param lastPayoutState the state of the latest attempt; null when none was made
     */
    public record QueuedDisbursement(UUID applicationId, ApplicationState status, BigDecimal amount, String reason,
            String funder, String fundingState, int attempts, String lastPayoutState, Instant updatedAt) {
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /**
     * @param reason the channel's decline code, or why it was proven not sent
     * @param sendCount how many times the request left for the channel (resends use the same key)
     * @param settledAt when the channel's answer made the state final; null while it is not
     */
    public record QueuedPayout(String idempotencyKey, UUID applicationId, int attempt, String channel,
            BigDecimal amount, String currency, PayoutState state, String reason, boolean beneficiaryDecline,
            int sendCount, Instant sentAt, Instant settledAt, Instant updatedAt, String applicationStatus) {
    }
}
