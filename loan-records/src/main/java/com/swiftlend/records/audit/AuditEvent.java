package com.swiftlend.records.audit;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One fact for the audit trail. The record's components (except the application id, which has a
 * column of its own) become the stored payload, so none of them may carry an ID number, a card
 * number or a phone number: those are encrypted in the application row, and an audit record must
 * be keepable for years after that row's personal data is erased.
 */
public sealed interface AuditEvent {

    AuditKind kind();

    /** The event's natural key within its kind: appending the same one twice adds nothing. */
    String reference();

    UUID applicationId();

    /**
     * @param termsVersion the version of the terms and privacy notice the app showed
     * @param shownAt when the app showed them (the device's clock)
     * @param acceptedAt when we received the acceptance (our clock)
     */
    /**
     * Made by {@link ConsentSeal}: where the consent came from is evidence kept for years, so the
     * device and address are here as blind indexes (to find the consents from one device) and as
     * ciphertexts bound to this record (to show them when a dispute needs it), never in clear.
     */
    record Consent(@JsonIgnore UUID applicationId, String termsVersion, Instant shownAt, boolean accepted,
            Instant acceptedAt, String deviceIdIndex, String deviceId, String clientIpIndex, String clientIp)
            implements AuditEvent {

        @Override
        public AuditKind kind() {
            return AuditKind.CONSENT;
        }

        @Override
        public String reference() {
            return applicationId.toString();
        }
    }

    /**
     * @param inputsDigest SHA-256 of the canonical JSON of every fact the rules saw, so the
     *     decision can be shown to follow from stated inputs without storing them twice
     */
    record Decision(@JsonIgnore UUID applicationId, String inputsDigest, List<RiskSourceResult> riskSources,
            String modelVersion, Double probabilityOfDefault, String ruleSetVersion, String outcome,
            List<String> reasons, BigDecimal requestedAmount, int termDays, BigDecimal approvedAmount,
            BigDecimal annualRate) implements AuditEvent {

        @Override
        public AuditKind kind() {
            return AuditKind.DECISION;
        }

        @Override
        public String reference() {
            return applicationId.toString();
        }
    }

    /** One risk source's conclusion; its note is a few words and never personal data. */
    record RiskSourceResult(String source, String outcome, String note) {
    }

    record PayoutRequested(@JsonIgnore UUID applicationId, String idempotencyKey, int attempt, String channel,
            BigDecimal amount, String currency) implements AuditEvent {

        @Override
        public AuditKind kind() {
            return AuditKind.PAYOUT_REQUESTED;
        }

        @Override
        public String reference() {
            return idempotencyKey;
        }
    }

    /** @param status SUCCEEDED or FAILED, as the channel answered */
    record PayoutResult(@JsonIgnore UUID applicationId, String idempotencyKey, String channel, String status,
            String channelReference, String declineReason) implements AuditEvent {

        @Override
        public AuditKind kind() {
            return AuditKind.PAYOUT_RESULT;
        }

        @Override
        public String reference() {
            return idempotencyKey;
        }
    }

    /**
     * @param verdict APPROVED, REJECTED, or EXPIRED when the review deadline passed unanswered
     * @param reviewer the signed-in operator, from their token (never from the request); {@code system}
     *     for an expiry
     * @param noteDigest SHA-256 of the operator's free-text note: a note may quote personal data,
     *     so the trail proves what it said without holding it
     */
    record ReviewVerdict(@JsonIgnore UUID applicationId, String verdict, String reviewer, String noteDigest,
            Instant decidedAt) implements AuditEvent {

        @Override
        public AuditKind kind() {
            return AuditKind.REVIEW_VERDICT;
        }

        @Override
        public String reference() {
            return applicationId.toString();
        }
    }

    /**
     * A capital partner's part in funding a loan.
     *
     * @param event APPROVED or REFUSED (the funder's own answer), or RELEASED (we gave the quota back
     *     and withdrew the request)
     * @param reason the funder's refusal code, or why we released
     * @param funderReference the funder's reference for its answer
     */
    record Funding(@JsonIgnore UUID applicationId, String funder, String event, BigDecimal amount, String reason,
            String funderReference) implements AuditEvent {

        @Override
        public AuditKind kind() {
            return AuditKind.FUNDING;
        }

        /** One per application, funder and event: a retried call records once. */
        @Override
        public String reference() {
            return applicationId + ":" + funder + ":" + event;
        }
    }

    /**
     * An operator forced a channel DISABLED or HEALTHY. It concerns no application.
     *
     * @param operator the signed-in operator's name, from their token
     * @param previousState the state the override replaced
     * @param noteDigest SHA-256 of the operator's note, or null without one: a note is free text
     * @param overrideId unique per override, so each one is recorded however often a channel flips
     */
    record ChannelOverride(String channel, String state, String previousState, String operator, String noteDigest,
            Instant overriddenAt, String overrideId) implements AuditEvent {

        @Override
        public AuditKind kind() {
            return AuditKind.CHANNEL_OVERRIDE;
        }

        @Override
        public String reference() {
            return channel + ":" + overrideId;
        }

        @Override
        @JsonIgnore
        public UUID applicationId() {
            return null;
        }
    }

    /**
     * A staff username (an account's, or a name that is none: guessing at unknown names is worth
     * knowing about too) was locked out of sign-in. It concerns no application.
     *
     * @param failures wrong passwords in a row so far
     * @param lockSeconds how long this lock lasts: it doubles with each further wrong password
     * @param lockId unique per lock
     */
    /**
     * @param change {@code DISABLED} or {@code ENABLED}
     * @param by the administrator, from their token
     * @param tokenGeneration the account's token generation after the change
     */
    record StaffAccountChanged(String username, String change, String by, Instant changedAt, int tokenGeneration,
            String changeId) implements AuditEvent {

        @Override
        public AuditKind kind() {
            return "DISABLED".equals(change) ? AuditKind.STAFF_DISABLED : AuditKind.STAFF_ENABLED;
        }

        @Override
        public String reference() {
            return username + ":" + changeId;
        }

        @Override
        @JsonIgnore
        public UUID applicationId() {
            return null;
        }
    }

    /**
     * @param change {@code DRAFTED}, {@code APPROVED} or {@code PUBLISHED}
     * @param by the rule editor, from their token
     * @param contentDigest SHA-256 of the version's DMN XML and test cases, so the trail pins what was approved
     * @param previousActive the version a publish replaced, or null
     */
    /**
     * A credit model version's registration or role change, by whom, with the digest of its PMML,
     * card and feature mapping, and the champion it replaced.
     */
    record ModelChanged(String version, String change, String by, Instant changedAt, String contentDigest,
            String previousChampion) implements AuditEvent {

        @Override
        public AuditKind kind() {
            return switch (change) {
                case "REGISTERED" -> AuditKind.MODEL_REGISTERED;
                case "CHAMPION" -> AuditKind.MODEL_CHAMPION;
                case "CHALLENGER" -> AuditKind.MODEL_CHALLENGER;
                default -> AuditKind.MODEL_RETIRED;
            };
        }

        @Override
        public String reference() {
            // Registered once; a role may be taken again later (a rollback promotes an earlier version).
            return "REGISTERED".equals(change) ? version : version + ":" + changedAt;
        }

        @Override
        @JsonIgnore
        public UUID applicationId() {
            return null;
        }
    }

    record RuleSetChanged(String version, String change, String by, Instant changedAt, String contentDigest,
            String previousActive) implements AuditEvent {

        @Override
        public AuditKind kind() {
            return switch (change) {
                case "DRAFTED" -> AuditKind.RULE_SET_DRAFTED;
                case "APPROVED" -> AuditKind.RULE_SET_APPROVED;
                case "CHALLENGER" -> AuditKind.RULE_SET_CHALLENGER;
                case "RETIRED" -> AuditKind.RULE_SET_RETIRED;
                default -> AuditKind.RULE_SET_PUBLISHED;
            };
        }

        @Override
        public String reference() {
            // A version is drafted and approved once, but may be published (a rollback), made the
            // challenger or retired again.
            return "DRAFTED".equals(change) || "APPROVED".equals(change) ? version : version + ":" + changedAt;
        }

        @Override
        @JsonIgnore
        public UUID applicationId() {
            return null;
        }
    }

    record StaffLockedOut(String username, int failures, long lockSeconds, Instant lockedAt, Instant lockedUntil,
            String lockId) implements AuditEvent {

        @Override
        public AuditKind kind() {
            return AuditKind.STAFF_LOCKED_OUT;
        }

        @Override
        public String reference() {
            return username + ":" + lockId;
        }

        @Override
        @JsonIgnore
        public UUID applicationId() {
            return null;
        }
    }

    /**
     * An operator had payloads decrypted through the codec server. The Temporal UI does not say
     * which workflow they came from, so the record names the payloads themselves: the SHA-256 of
     * each one's ciphertext, which matches exactly one payload of one history.
     *
     * @param operator the signed-in operator, from their token
     * @param namespace the Temporal namespace the UI said it was showing ({@code X-Namespace}), or null
     * @param decodeId unique per request
     */
    record PayloadsDecoded(String operator, String namespace, List<String> payloadDigests, Instant decodedAt,
            String decodeId) implements AuditEvent {

        @Override
        public AuditKind kind() {
            return AuditKind.PAYLOADS_DECODED;
        }

        @Override
        public String reference() {
            return decodeId;
        }

        @Override
        @JsonIgnore
        public UUID applicationId() {
            return null;
        }
    }
}
