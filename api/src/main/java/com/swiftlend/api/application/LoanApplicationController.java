package com.swiftlend.api.application;

import com.swiftlend.api.ApiProblems.ApiException;
import com.swiftlend.api.ApiProblems.FieldProblem;
import com.swiftlend.api.ApiProblems.InvalidRequestException;
import com.swiftlend.api.auth.Caller;
import com.swiftlend.protection.index.BlindIndex;
import com.swiftlend.api.ratelimit.RateLimitDimension;
import com.swiftlend.api.ratelimit.RateLimiter;
import com.swiftlend.api.validation.PlainText;
import com.swiftlend.workflows.application.ApplicationState;
import com.swiftlend.workflows.application.ApplicationStatus;
import com.swiftlend.workflows.application.LoanApplicationWorkflow;
import com.swiftlend.workflows.application.ReviewVerdict;
import io.swagger.v3.oas.annotations.Operation;
import io.temporal.client.WorkflowClient;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import com.swiftlend.workflows.decision.Decision;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Null;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import com.swiftlend.records.application.PublishedStatus;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

@RestController
@RequestMapping("/api/v1/applications")
class LoanApplicationController {

    static final URI CONFLICT = URI.create("https://swiftlend.dev/problems/idempotency-conflict");
    static final URI NOT_FOUND = URI.create("https://swiftlend.dev/problems/application-not-found");
    static final URI NOT_IN_REVIEW = URI.create("https://swiftlend.dev/problems/not-in-manual-review");
    static final URI STREAMS_FULL = URI.create("https://swiftlend.dev/problems/too-many-live-streams");
    static final URI NOT_YOUR_PHONE = URI.create("https://swiftlend.dev/problems/not-your-phone");

    /** The answer to a submission: the application's id and where to follow it. */
    record Accepted(String id, ApplicationState status) {
    }

    static final URI TERMS_REQUIRED = URI.create("https://swiftlend.dev/problems/approval-terms-required");

    /**
     * An operator's verdict on an application in manual review. An approval may set the amount and
     * rate, and must when the decision carries none (the score or the rules were unavailable). The
     * reviewer is whoever signed in: a body naming one is refused, so nobody can write another
     * person's name into the audit trail.
     */
    record VerdictRequest(@Null(message = "is taken from your sign-in: leave it out") String reviewer,
            @Size(max = 500) @PlainText(lineBreaks = true) String note,
            @Positive @Digits(integer = 10, fraction = 2) BigDecimal approvedAmount,
            @Positive @Digits(integer = 1, fraction = 4) BigDecimal annualRate) {
    }

    private final ApplicationIntake intake;
    private final ApplicationStatusReader statuses;
    private final WorkflowClient client;
    private final Validator validator;
    private final ProductLimits limits;
    private final RateLimiter rateLimiter;
    private final BlindIndex blindIndex;
    private final StatusStreams streams;

    LoanApplicationController(ApplicationIntake intake, ApplicationStatusReader statuses, WorkflowClient client,
            Validator validator, ProductLimits limits, RateLimiter rateLimiter, BlindIndex blindIndex,
            StatusStreams streams) {
        this.streams = streams;
        this.intake = intake;
        this.statuses = statuses;
        this.client = client;
        this.validator = validator;
        this.limits = limits;
        this.rateLimiter = rateLimiter;
        this.blindIndex = blindIndex;
    }

    @Operation(summary = "Apply for a loan", description = "Answers 202 at once; the decision follows in seconds.")
    @PostMapping
    ResponseEntity<Accepted> apply(
            @RequestHeader("Idempotency-Key") @NotBlank @Size(max = 128) String idempotencyKey,
            @RequestBody ApplicationRequest request, HttpServletRequest http, Authentication authentication) {
        validate(request);
        if (!Caller.of(authentication).owns(blindIndex.of(BlindIndex.PHONE, request.phone()))) {
            throw new ApiException(HttpStatus.FORBIDDEN, NOT_YOUR_PHONE,
                    "Applications can be made only for the phone you signed in with.");
        }
        // After validation (a malformed request costs no token), before intake (a refused one stores nothing).
        rateLimiter.check(RateLimitDimension.DEVICE, request.deviceId());
        rateLimiter.check(RateLimitDimension.BORROWER, request.idNumber());
        ApplicationIntake.Submission submission;
        try {
            submission = intake.submit(idempotencyKey, request, http.getRemoteAddr());
        } catch (ApplicationIntake.IdempotencyConflictException e) {
            throw new ApiException(HttpStatus.CONFLICT, CONFLICT, e.getMessage());
        }
        String id = submission.application().getId().toString();
        URI location = ServletUriComponentsBuilder.fromCurrentRequestUri().path("/{id}").buildAndExpand(id).toUri();
        return ResponseEntity.accepted().location(location).body(new Accepted(id, ApplicationState.UNDER_REVIEW));
    }

    /**
     * The status as last published. Its revision is its entity tag, so a client polling with
     * If-None-Match is answered {@code 304} with no body until something changes. Private and
     * revalidated on every use: a shared cache must not keep one borrower's status.
     */
    @Operation(summary = "Read an application's status, risk checks and decision")
    @GetMapping("/{id}")
    ResponseEntity<ApplicationStatus> status(@PathVariable UUID id, Authentication authentication,
            WebRequest request) {
        PublishedStatus published = statuses.read(id, Caller.of(authentication)).orElseThrow(() -> notFound(id));
        String etag = "\"" + published.getRevision() + "\"";
        if (request.checkNotModified(etag)) {
            return null;
        }
        return ResponseEntity.ok().eTag(etag).cacheControl(CacheControl.noCache().cachePrivate())
                .body(published.toStatus());
    }

    /**
     * The status as it changes, as Server-Sent Events: one {@code status} event per revision (its
     * id is the revision), ending after the application completes. A client that reconnects with
     * Last-Event-ID gets every revision after that one.
     */
    @Operation(summary = "Follow an application's status live (Server-Sent Events)")
    @GetMapping(path = "/{id}/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(@PathVariable UUID id,
            @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
            Authentication authentication) {
        int lastSeen = lastSeenRevision(lastEventId);
        statuses.read(id, Caller.of(authentication)).orElseThrow(() -> notFound(id));
        if (!streams.hasRoom()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, STREAMS_FULL,
                    "Too many live streams here now; poll GET /api/v1/applications/" + id + " instead.");
        }
        return streams.open(id, lastSeen);
    }

    private static int lastSeenRevision(String lastEventId) {
        if (lastEventId == null || lastEventId.isBlank()) {
            return -1;
        }
        try {
            int revision = Integer.parseInt(lastEventId.strip());
            if (revision >= 0) {
                return revision;
            }
        } catch (NumberFormatException notARevision) {
            // answered below
        }
        throw new InvalidRequestException(List.of(new FieldProblem("Last-Event-ID",
                "must be the id of an event this stream sent (a revision number)")));
    }

    @Operation(summary = "Approve an application waiting in manual review")
    @PostMapping("/{id}/approve")
    ResponseEntity<Void> approve(@PathVariable UUID id, @RequestBody VerdictRequest verdict,
            Authentication authentication) {
        ApplicationStatus status = inReview(id, verdict, Caller.of(authentication));
        checkTerms(status, verdict);
        workflow(id).approve(new ReviewVerdict(authentication.getName(), verdict.note(), verdict.approvedAmount(),
                verdict.annualRate()));
        return ResponseEntity.accepted().build();
    }

    @Operation(summary = "Reject an application waiting in manual review")
    @PostMapping("/{id}/reject")
    ResponseEntity<Void> reject(@PathVariable UUID id, @RequestBody VerdictRequest verdict,
            Authentication authentication) {
        inReview(id, verdict, Caller.of(authentication));
        workflow(id).reject(new ReviewVerdict(authentication.getName(), verdict.note()));
        return ResponseEntity.accepted().build();
    }

    private LoanApplicationWorkflow workflow(UUID id) {
        return client.newWorkflowStub(LoanApplicationWorkflow.class, id.toString());
    }

    /**
     * An approval pays on terms: the rules' (amount and rate) or the operator's, never none. The
     * operator may lower the rules' amount, not raise it, and stays under the product's rate cap.
     */
    private void checkTerms(ApplicationStatus status, VerdictRequest verdict) {
        List<FieldProblem> problems = new ArrayList<>();
        Decision decision = status.decision();
        BigDecimal ceiling = decision != null && decision.approvedAmount() != null
                ? decision.approvedAmount().min(limits.maxAmount())
                : limits.maxAmount();
        if (verdict.approvedAmount() != null && (verdict.approvedAmount().compareTo(limits.minAmount()) < 0
                || verdict.approvedAmount().compareTo(ceiling) > 0)) {
            problems.add(new FieldProblem("approvedAmount", "must be between " + limits.minAmount().toPlainString()
                    + " and " + ceiling.toPlainString()));
        }
        if (verdict.annualRate() != null && verdict.annualRate().compareTo(limits.maxAnnualRate()) > 0) {
            problems.add(new FieldProblem("annualRate", "must be at most " + limits.maxAnnualRate().toPlainString()));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        boolean amountKnown = verdict.approvedAmount() != null || decision != null && decision.approvedAmount() != null;
        boolean rateKnown = verdict.annualRate() != null || decision != null && decision.annualRate() != null;
        if (!amountKnown || !rateKnown) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, TERMS_REQUIRED, "The decision of application "
                    + status.id() + " carries no " + (amountKnown ? "annualRate" : rateKnown ? "approvedAmount"
                            : "approvedAmount and annualRate") + ": the approval must set them.");
        }
    }

    private ApplicationStatus inReview(UUID id, VerdictRequest verdict, Caller caller) {
        List<FieldProblem> problems = problems(validator.validate(verdict));
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
        ApplicationStatus status = statuses.read(id, caller).orElseThrow(() -> notFound(id)).toStatus();
        if (status.status() != ApplicationState.MANUAL_REVIEW) {
            throw new ApiException(HttpStatus.CONFLICT, NOT_IN_REVIEW,
                    "Application " + id + " is " + status.status() + ", not waiting for a review.");
        }
        return status;
    }

    private void validate(ApplicationRequest request) {
        List<FieldProblem> problems = new ArrayList<>(problems(validator.validate(request)));
        if (request.amount() != null && (request.amount().compareTo(limits.minAmount()) < 0
                || request.amount().compareTo(limits.maxAmount()) > 0)) {
            problems.add(new FieldProblem("amount", "must be between " + limits.minAmount().toPlainString()
                    + " and " + limits.maxAmount().toPlainString()));
        }
        if (request.termDays() != null
                && (request.termDays() < limits.minTermDays() || request.termDays() > limits.maxTermDays())) {
            problems.add(new FieldProblem("termDays", "must be between " + limits.minTermDays() + " and "
                    + limits.maxTermDays() + " days"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(problems);
        }
    }

    private static <T> List<FieldProblem> problems(java.util.Set<ConstraintViolation<T>> violations) {
        return violations.stream()
                .map(violation -> new FieldProblem(violation.getPropertyPath().toString(), violation.getMessage()))
                .sorted(Comparator.comparing(FieldProblem::field).thenComparing(FieldProblem::message))
                .toList();
    }

    private static ApiException notFound(UUID id) {
        return new ApiException(HttpStatus.NOT_FOUND, NOT_FOUND, "No application " + id + ".");
    }
}
