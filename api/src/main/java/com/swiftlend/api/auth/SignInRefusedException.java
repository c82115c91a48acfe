package com.swiftlend.api.auth;

import com.swiftlend.api.ratelimit.RateLimitProblems;
import java.net.URI;
import java.time.Duration;

/**
 * Sign-in is refused for a while, whatever was presented: too many wrong codes or passwords, too
 * many codes asked for. Answered {@code 429} with {@code Retry-After} by {@link AuthController}.
 */
class SignInRefusedException extends RuntimeException {

    static final URI LOCKED = URI.create("https://swiftlend.dev/problems/sign-in-locked");
    static final URI CODE_TOO_SOON = URI.create("https://swiftlend.dev/problems/code-requested-too-soon");
    static final URI DAILY_CODES_USED = URI.create("https://swiftlend.dev/problems/daily-codes-used");

    private final URI type;
    private final Duration retryAfter;

    SignInRefusedException(URI type, String detail, Duration retryAfter) {
        super(detail, null, false, false);
        this.type = type;
        this.retryAfter = retryAfter;
    }

    URI type() {
        return type;
    }

    long retryAfterSeconds() {
        return RateLimitProblems.wholeSeconds(retryAfter);
    }
}
