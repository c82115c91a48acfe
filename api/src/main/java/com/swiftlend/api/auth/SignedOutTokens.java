package com.swiftlend.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Tokens signed out before they expire: a deny list in Redis keyed by the token's id, each entry
 * kept until the token would have expired anyway, so the list never outgrows the live tokens.
 * Every process checks it as part of validating a token.
 */
@Component
class SignedOutTokens implements OAuth2TokenValidator<Jwt> {

    private static final OAuth2Error SIGNED_OUT = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The token was signed out", null);

    private final StringRedisTemplate redis;
    private final Clock clock;

    SignedOutTokens(StringRedisTemplate redis, Clock clock) {
        this.redis = redis;
        this.clock = clock;
    }

    void signOut(Jwt token) {
        Instant expiry = token.getExpiresAt();
        if (token.getId() == null || expiry == null) {
            return;
        }
        Duration left = Duration.between(clock.instant(), expiry);
        if (!left.isNegative() && !left.isZero()) {
            redis.opsForValue().set(key(token.getId()), "1", left);
        }
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        if (token.getId() != null && Boolean.TRUE.equals(redis.hasKey(key(token.getId())))) {
            return OAuth2TokenValidatorResult.failure(SIGNED_OUT);
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static String key(String tokenId) {
        return "token:signed-out:" + tokenId;
    }
}
