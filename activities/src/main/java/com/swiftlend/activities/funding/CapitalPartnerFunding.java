package com.swiftlend.activities.funding;

import com.swiftlend.activities.PartnerHttp;
import com.swiftlend.records.audit.AuditEvent;
import com.swiftlend.records.audit.AuditTrail;
import com.swiftlend.records.funding.FundingReservations;
import com.swiftlend.records.funding.FundingReservations.RefusedTransition;
import com.swiftlend.records.funding.FundingReservations.Release;
import com.swiftlend.records.funding.FundingReservations.Reservation;
import com.swiftlend.workflows.Failures;
import com.swiftlend.workflows.funding.FunderAnswer;
import com.swiftlend.workflows.funding.FunderOffer;
import com.swiftlend.workflows.funding.Funding;
import com.swiftlend.workflows.funding.FundingRequest;
import com.swiftlend.workflows.funding.FundingReservation;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Capital partners over their HTTP APIs, with quotas and reservations in our database
 * ({@link FundingReservations}). The funder's answer is recorded on the reservation together with
 * its audit record, so a retried approval returns the recorded answer without asking again, and a
 * funder that does not answer is a retryable {@link Failures#FUNDER_UNAVAILABLE}: it is idempotent
 * by application id, so asking again cannot make it fund twice.
 */
@Component
class CapitalPartnerFunding implements Funding {

    private static final Logger log = LoggerFactory.getLogger(CapitalPartnerFunding.class);

    private final Map<String, RestClient> funders;
    private final FundingReservations reservations;
    private final TransactionTemplate transactions;
    private final AuditTrail audit;

    CapitalPartnerFunding(RestClient.Builder builder, FundingProperties properties, FundingReservations reservations,
            TransactionTemplate transactions, AuditTrail audit) {
        this.funders = properties.funders().stream().collect(Collectors.toUnmodifiableMap(
                FundingProperties.Funder::name,
                funder -> PartnerHttp.client(builder, funder.baseUrl(), funder.connectTimeout(),
                        funder.readTimeout())));
        this.reservations = reservations;
        this.transactions = transactions;
        this.audit = audit;
    }

    /** Only funders with a configured endpoint: one we cannot ask cannot approve. */
    @Override
    public List<FunderOffer> eligibleFunders(FundingRequest request) {
        return invalidInput(() -> reservations.eligibleFunders(request)).stream()
                .filter(offer -> funders.containsKey(offer.funder()))
                .toList();
    }

    @Override
    public FundingReservation reserveQuota(FundingRequest request, String funder) {
        return invalidInput(() -> reservations.reserve(request, funder));
    }

    /**
     * Asks only while this application holds quota at the funder, so no funder approves a loan we
     * could not count against its quota. The answer is recorded on the reservation; releasing the
     * quota after a refusal is the workflow's compensation ({@link #releaseFunding}).
     */
    @Override
    public FunderAnswer requestFunderApproval(FundingRequest request, String funder) {
        UUID applicationId = applicationId(request == null ? null : request.applicationId());
        RestClient client = client(funder);
        Optional<Reservation> held = reservations.find(applicationId, funder);
        if (held.isPresent() && held.get().funderAnswer() != null) {
            return answerOf(held.get());
        }
        if (held.isEmpty() || held.get().state() != FundingReservations.State.RESERVED) {
            throw ApplicationFailure.newNonRetryableFailure(
                    "no quota reserved for " + applicationId + " at " + funder + ": reserve before asking",
                    Failures.INVALID_INPUT.name());
        }
        FunderDecision decision = call(funder, () -> client.post()
                .uri("/loans")
                .body(new LoanRequest(request.applicationId(), request.amount(), request.termDays(), request.region()))
                .retrieve()
                .body(FunderDecision.class));
        FunderAnswer answer = answerOf(funder, applicationId, decision);
        transactions.executeWithoutResult(status -> {
            reservations.recordAnswer(applicationId, answer);
            // Last in the transaction: the append takes the audit chain's lock until the commit.
            audit.append(new AuditEvent.Funding(applicationId, funder, answer.approved() ? "APPROVED" : "REFUSED",
                    held.get().amount(),
                    answer.reason(), answer.funderReference()));
        });
        return answer;
    }

    /**
     * Gives the quota back first (a funder that cannot be reached must not keep it held), then
     * withdraws at the funder (unless it refused: then it holds nothing). A failed withdrawal is logged and thrown as retryable: the retry finds
     * the reservation already released and only withdraws again, until the funder confirms or the
     * workflow's retry policy gives up (then the funder holds an approval we never drew on, which
     * expires on its side).
     */
    @Override
    public void releaseFunding(String applicationId, String funder, String reason) {
        UUID id = applicationId(applicationId);
        Release release;
        try {
            release = transactions.execute(status -> {
                Release done = reservations.release(id, funder, reason);
                if (done.released()) {
                    audit.append(new AuditEvent.Funding(id, funder, "RELEASED", done.reservation().amount(), reason,
                            done.reservation().funderReference()));
                }
                return done;
            });
        } catch (RefusedTransition e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), Failures.INVALID_INPUT.name());
        }
        // None held: the funder was never asked. Refused: it holds nothing to withdraw.
        if (release.reservation() == null || "REFUSED".equals(release.reservation().funderAnswer())) {
            return;
        }
        RestClient client = funders.get(funder);
        if (client == null) {
            log.warn("Released the funding of {} at {}, which has no configured endpoint to withdraw at", id, funder);
            return;
        }
        // Also without a recorded answer: an approval call that timed out may have reached the funder.
        try {
            call(funder, () -> client.delete()
                    .uri("/loans/{applicationId}", id)
                    .exchange((request, response) -> {
                        int status = response.getStatusCode().value();
                        // 404: it never saw the request; 409: it refused it. Either way nothing is left to withdraw.
                        if (response.getStatusCode().is2xxSuccessful() || status == HttpStatus.NOT_FOUND.value()
                                || status == HttpStatus.CONFLICT.value()) {
                            return null;
                        }
                        throw new HttpServerErrorException(response.getStatusCode(), "withdrawal answered " + status);
                    }));
        } catch (ApplicationFailure e) {
            log.warn("Could not withdraw {} at {} (the quota is released; Temporal retries the withdrawal): {}", id,
                    funder, e.getOriginalMessage());
            throw e;
        }
    }

    @Override
    public void consumeFunding(String applicationId, String funder) {
        UUID id = applicationId(applicationId);
        try {
            reservations.consume(id, funder);
        } catch (RefusedTransition e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), Failures.INVALID_INPUT.name());
        }
    }

    private RestClient client(String funder) {
        RestClient client = funders.get(funder);
        if (client == null) {
            throw ApplicationFailure.newNonRetryableFailure("no endpoint configured for funder " + funder,
                    Failures.INVALID_INPUT.name());
        }
        return client;
    }

    private static <T> T call(String funder, Supplier<T> request) {
        try {
            return request.get();
        } catch (ResourceAccessException | HttpServerErrorException e) {
            throw ApplicationFailure.newFailureWithCause(funder + " did not answer: " + e.getMessage(),
                    Failures.FUNDER_UNAVAILABLE.name(), e);
        } catch (RestClientException e) {
            throw ApplicationFailure.newFailureWithCause(funder + " answered in a way we cannot read: " + e.getMessage(),
                    Failures.PARTNER_PROTOCOL_ERROR.name(), e);
        }
    }

    /**
     * A funder we withdrew from answers WITHDRAWN when asked again (a re-reserved application): it
     * will not fund that application any more, which to us is a refusal.
     */
    private static FunderAnswer answerOf(String funder, UUID applicationId, FunderDecision decision) {
        if (decision == null || !applicationId.toString().equals(decision.applicationId())
                || !List.of("APPROVED", "REFUSED", "WITHDRAWN").contains(decision.decision())) {
            throw ApplicationFailure.newFailure(funder + " answered " + decision + " for " + applicationId,
                    Failures.PARTNER_PROTOCOL_ERROR.name());
        }
        return switch (decision.decision()) {
            case "APPROVED" -> new FunderAnswer(funder, true, null, decision.reference());
            case "WITHDRAWN" -> new FunderAnswer(funder, false, "WITHDRAWN", decision.reference());
            default -> new FunderAnswer(funder, false, decision.reason(), decision.reference());
        };
    }

    private static FunderAnswer answerOf(Reservation reservation) {
        return new FunderAnswer(reservation.funder(), "APPROVED".equals(reservation.funderAnswer()),
                reservation.reason(), reservation.funderReference());
    }

    private static <T> T invalidInput(Supplier<T> call) {
        try {
            return call.get();
        } catch (IllegalArgumentException e) {
            throw ApplicationFailure.newNonRetryableFailure(e.getMessage(), Failures.INVALID_INPUT.name());
        }
    }

    private static UUID applicationId(String applicationId) {
        try {
            return UUID.fromString(applicationId);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApplicationFailure.newNonRetryableFailure("not an application id: " + applicationId,
                    Failures.INVALID_INPUT.name());
        }
    }

    record LoanRequest(String applicationId, BigDecimal amount, int termDays, String region) {
    }

    record FunderDecision(String applicationId, String decision, String reason, String reference) {
    }
}
