package com.swiftlend.records.payout;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One payout attempt as we know it. The row is written before the channel is called, so after a
 * crash we know an attempt may have been sent and resend it only under the same idempotency key.
 */
@Entity
@Table(name = "payout")
public class Payout {

    public enum State {
        SENDING,
        SUCCEEDED,
        FAILED
    }

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

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State status;

    @Column(name = "channel_reference")
    private String channelReference;

    @Column(name = "failure_reason")
    private String failureReason;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Payout() {
        // for JPA
    }

    public Payout(String idempotencyKey, UUID applicationId, int attempt, String channel, BigDecimal amount,
            Instant now) {
        this.idempotencyKey = idempotencyKey;
        this.applicationId = applicationId;
        this.attempt = attempt;
        this.channel = channel;
        this.amount = amount;
        this.status = State.SENDING;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public void succeeded(String channelReference, Instant now) {
        this.status = State.SUCCEEDED;
        this.channelReference = channelReference;
        this.updatedAt = now;
    }

    public void failed(String channelReference, String reason, Instant now) {
        this.status = State.FAILED;
        this.channelReference = channelReference;
        this.failureReason = reason;
        this.updatedAt = now;
    }

    public boolean isSettled() {
        return status != State.SENDING;
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

    public State getStatus() {
        return status;
    }

    public String getChannelReference() {
        return channelReference;
    }

    public String getFailureReason() {
        return failureReason;
    }
}
