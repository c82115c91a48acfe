package com.swiftlend.records.payout;

import com.swiftlend.workflows.payment.PayoutState;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One payout attempt (one idempotency key on one channel) as we know it. The row is written before
 * the channel is called, and marked sent before the request leaves, so after a crash we know
 * whether the request may have reached the channel. Each state change is a named method that
 * refuses a move the payout cannot make: a final state never changes, and "not sent" is concluded
 * only from proof.
 */
@Entity
@Table(name = "payout")
public class Payout {

    private static final Set<PayoutState> SENDABLE =
            EnumSet.of(PayoutState.CLAIMED, PayoutState.SENT_UNCONFIRMED, PayoutState.PENDING_AT_CHANNEL);

    @Id
    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "application_id", nullable = false, updatable = false)
    private UUID applicationId;

    @Column(nullable = false, updatable = false)
    private int attempt;

    @Column(nullable = false, updatable = false)
    private String channel;

    @Column(nullable = false, updatable = false)
    private BigDecimal amount;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(nullable = false, updatable = false, length = 3)
    private String currency;

    @Column(updatable = false)
    private String funder;

    @Enumerated(EnumType.STRING)
    @Column(name = "status", nullable = false)
    private PayoutState state;

    @Column(name = "channel_reference")
    private String channelReference;

    @Column(name = "failure_reason")
    private String failureReason;

    private BigDecimal fee;

    @Column(name = "send_count", nullable = false)
    private int sendCount;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "last_sent_at")
    private Instant lastSentAt;

    @Column(name = "settled_at")
    private Instant settledAt;

    @Column(name = "beneficiary_decline", nullable = false)
    private boolean beneficiaryDecline;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Payout() {
        // for JPA
    }

    private Payout(String idempotencyKey, UUID applicationId, int attempt, String channel, BigDecimal amount,
            String currency, String funder, Instant now) {
        this.idempotencyKey = idempotencyKey;
        this.applicationId = applicationId;
        this.attempt = attempt;
        this.channel = channel;
        this.amount = amount;
        this.currency = currency == null ? "CNY" : currency;
        this.funder = funder;
        this.state = PayoutState.CLAIMED;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The attempt is ours to send: the row exists, nothing has left. */
    public static Payout claimed(String idempotencyKey, UUID applicationId, int attempt, String channel,
            BigDecimal amount, String currency, String funder, Instant now) {
        return new Payout(idempotencyKey, applicationId, attempt, channel, amount, currency, funder, now);
    }

    /**
     * The request is about to leave (again). Recorded before it leaves, so a crash after the send
     * leaves the row in doubt, never "not sent". A payout the channel already holds stays
     * PENDING_AT_CHANNEL when the same key is resent.
     *
     * @return which send this is: 1 for the first request that could have reached the channel
     */
    public int markSent(Instant now) {
        require(SENDABLE.contains(state), "mark sent");
        if (state == PayoutState.CLAIMED) {
            state = PayoutState.SENT_UNCONFIRMED;
            sentAt = now;
        }
        sendCount++;
        lastSentAt = now;
        updatedAt = now;
        return sendCount;
    }

    /** The channel has the payout and has not finished it (PENDING, PROCESSING). */
    public void pendingAtChannel(String channelReference, Instant now) {
        require(state.inDoubt(), "mark pending at the channel");
        state = PayoutState.PENDING_AT_CHANNEL;
        this.channelReference = channelReference;
        updatedAt = now;
    }

    public void succeeded(String channelReference, BigDecimal fee, Instant now) {
        require(state.inDoubt(), "mark succeeded");
        state = PayoutState.SUCCEEDED;
        this.channelReference = channelReference;
        this.fee = fee;
        settle(now);
    }

    /** @param beneficiaryDecline the borrower's account caused it: no other channel would pay */
    public void declined(String channelReference, String reason, boolean beneficiaryDecline, Instant now) {
        require(state.inDoubt(), "mark declined");
        state = PayoutState.DECLINED;
        this.channelReference = channelReference;
        this.failureReason = reason;
        this.beneficiaryDecline = beneficiaryDecline;
        settle(now);
    }

    /** Nothing was ever sent: the row is still CLAIMED. */
    public void provenNotSent(String reason, Instant now) {
        require(state == PayoutState.CLAIMED, "conclude not sent without a send");
        notSent(reason, now);
    }

    /**
     * The channel refused (503, refused connection) the request of send {@code sendNumber}. Proof
     * of "not sent" only when that was the first and only send: an earlier request whose answer we
     * never read may still be at the channel.
     */
    public void provenNotSentByRefusal(int sendNumber, String reason, Instant now) {
        require(state == PayoutState.SENT_UNCONFIRMED && sendCount == 1 && sendNumber == 1,
                "conclude not sent from a refusal after send " + sendNumber + " of " + sendCount);
        notSent(reason, now);
    }

    /**
     * The channel does not know the key and its in-doubt window since our last send has passed:
     * no request of ours can still be in flight there.
     */
    public void provenNotSentAfterWindow(Duration inDoubtWindow, String reason, Instant now) {
        require(state.inDoubt() && inDoubtWindowPassed(inDoubtWindow, now),
                "conclude not sent before the in-doubt window of " + inDoubtWindow + " has passed");
        notSent(reason, now);
    }

    /** Whether the channel's in-doubt window has passed since the last request that may have left. */
    public boolean inDoubtWindowPassed(Duration inDoubtWindow, Instant now) {
        return lastSentAt != null && !lastSentAt.plus(inDoubtWindow).isAfter(now);
    }

    private void notSent(String reason, Instant now) {
        state = PayoutState.PROVEN_NOT_SENT;
        failureReason = reason;
        settle(now);
    }

    private void settle(Instant now) {
        settledAt = now;
        updatedAt = now;
    }

    private void require(boolean legal, String move) {
        if (!legal) {
            throw new IllegalPayoutTransition(idempotencyKey, state, move);
        }
    }

    /** The order names the same payout: same channel and amount under the same key. */
    public boolean sameOrder(String channel, BigDecimal amount) {
        return this.channel.equals(channel) && this.amount.compareTo(amount) == 0;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public UUID getApplicationId() {
        return applicationId;
    }

    public int getAttempt() {
        return attempt;
    }

    public String getChannel() {
        return channel;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getCurrency() {
        return currency;
    }

    public String getFunder() {
        return funder;
    }

    public PayoutState getState() {
        return state;
    }

    public String getChannelReference() {
        return channelReference;
    }

    public String getFailureReason() {
        return failureReason;
    }

    public BigDecimal getFee() {
        return fee;
    }

    public int getSendCount() {
        return sendCount;
    }

    public Instant getSentAt() {
        return sentAt;
    }

    public Instant getLastSentAt() {
        return lastSentAt;
    }

    public Instant getSettledAt() {
        return settledAt;
    }

    public boolean isBeneficiaryDecline() {
        return beneficiaryDecline;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** A payout asked to make a move its state does not allow: a bug or a race lost, never retried into. */
    public static class IllegalPayoutTransition extends IllegalStateException {

        IllegalPayoutTransition(String key, PayoutState state, String move) {
            super("payout " + key + " in " + state + " may not " + move);
        }
    }
}
