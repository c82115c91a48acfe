package com.swiftlend.api.ratelimit;

import com.swiftlend.api.ratelimit.RateLimiter.RateLimitedException;
import com.swiftlend.api.ratelimit.RateLimiter.RateLimiterUnavailableException;
import java.net.URI;
import java.time.Duration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The RFC 9457 answers to a refused request, for the controller (through this advice) and for the
 * client-address filter (which runs before Spring MVC and writes them itself). The detail names
 * the dimension, never the identifier: the body may end up in a client's logs.
 */
@RestControllerAdvice(basePackages = "com.swiftlend.api")
@Order(Ordered.HIGHEST_PRECEDENCE)
public class RateLimitProblems {

    static final URI RATE_LIMITED = URI.create("https://swiftlend.dev/problems/rate-limited");
    static final URI UNAVAILABLE = URI.create("https://swiftlend.dev/problems/rate-limiter-unavailable");

    /** A refused request: its status, its Retry-After in whole seconds and its body. */
    record Refusal(HttpStatus status, long retryAfterSeconds, ProblemDetail body) {

        ResponseEntity<ProblemDetail> response() {
            return ResponseEntity.status(status).header(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds))
                    .body(body);
        }
    }

    @ExceptionHandler(RateLimitedException.class)
    ResponseEntity<ProblemDetail> limited(RateLimitedException e) {
        return refusal(e).response();
    }

    @ExceptionHandler(RateLimiterUnavailableException.class)
    ResponseEntity<ProblemDetail> unavailable(RateLimiterUnavailableException e) {
        return refusal(e).response();
    }

    static Refusal refusal(RateLimitedException e) {
        long seconds = wholeSeconds(e.retryAfter());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
                "Too many requests for " + e.dimension().description() + "; try again in " + seconds + " s.");
        problem.setType(RATE_LIMITED);
        problem.setTitle("Too many requests");
        problem.setProperty("dimension", e.dimension().id());
        problem.setProperty("retryAfterSeconds", seconds);
        return new Refusal(HttpStatus.TOO_MANY_REQUESTS, seconds, problem);
    }

    static Refusal refusal(RateLimiterUnavailableException e) {
        long seconds = wholeSeconds(RateLimiter.UNAVAILABLE_RETRY);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Requests for " + e.dimension().description() + " cannot be counted right now; try again in "
                        + seconds + " s.");
        problem.setType(UNAVAILABLE);
        problem.setTitle("Temporarily unavailable");
        problem.setProperty("dimension", e.dimension().id());
        problem.setProperty("retryAfterSeconds", seconds);
        return new Refusal(HttpStatus.SERVICE_UNAVAILABLE, seconds, problem);
    }

    /**
     * Retry-After is whole seconds (RFC 9110); rounding down would invite a retry that fails again.
     * Every refusal with a wait (rate limits, sign-in lock-outs) rounds here.
     */
    public static long wholeSeconds(Duration wait) {
        long millis = Math.max(0, wait.toMillis());
        return Math.max(1, (millis + 999) / 1000);
    }
}
