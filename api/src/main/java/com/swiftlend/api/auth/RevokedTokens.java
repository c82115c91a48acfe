package com.swiftlend.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2ErrorCodes;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * Tokens that stopped working before they expire, checked by every process as part of validating a
 * token, in one Redis round trip:
 * <ul>
 *   <li>signed out: a deny list keyed by the token's id, each entry kept until the token would
 *       have expired anyway, so the list never outgrows the live tokens;
 *   <li>of a disabled staff account: the account's current token generation, published when it is
 *       disabled and kept for a staff token's lifetime; a staff token of an older generation is
 *       refused. Enabling the account again does not revive them.
 * </ul>
 * Both live in Redis only: were Redis to lose them, a revoked token would work until it expires
 * (at most {@code swiftlend.auth.staff-token-ttl}); a disabled account still cannot sign in.
 */
@Component
class RevokedTokens implements OAuth2TokenValidator<Jwt> {

    static final String GENERATION_CLAIM = "generation";
    private static final String STAFF = "staff:";
    private static final OAuth2Error REVOKED = new OAuth2Error(OAuth2ErrorCodes.INVALID_TOKEN,
            "The token was signed out or its account disabled", null);

    private final StringRedisTemplate redis;
    private final Clock clock;
    private final Duration staffTokenTtl;

    RevokedTokens(StringRedisTemplate redis, Clock clock, AuthProperties properties) {
        this.redis = redis;
        this.clock = clock;
        this.staffTokenTtl = properties.staffTokenTtl();
    }

    void signOut(Jwt token) {
        Instant expiry = token.getExpiresAt();
        if (token.getId() == null || expiry == null) {
            return;
        }
        Duration left = Duration.between(clock.instant(), expiry);
        if (!left.isNegative() && !left.isZero()) {
            redis.opsForValue().set(signedOutKey(token.getId()), "1", left);
        }
    }

    /** Every token of this account issued before it reached this generation stops working. */
    void revokeBefore(String username, int generation) {
        redis.opsForValue().set(generationKey(username), Integer.toString(generation), staffTokenTtl);
    }

    @Override
    public OAuth2TokenValidatorResult validate(Jwt token) {
        String subject = token.getSubject();
        boolean staff = subject != null && subject.startsWith(STAFF);
        List<String> keys = new ArrayList<>(2);
        keys.add(token.getId() == null ? signedOutKey("") : signedOutKey(token.getId()));
        if (staff) {
            keys.add(generationKey(subject.substring(STAFF.length())));
        }
        List<String> values = redis.opsForValue().multiGet(keys);
        if (values == null) {
            // Only inside a pipeline or transaction, which this is not.
            throw new IllegalStateException("Redis answered no values");
        }
        if (token.getId() != null && values.get(0) != null) {
            return OAuth2TokenValidatorResult.failure(REVOKED);
        }
        if (staff && values.get(1) != null && generation(token) < Integer.parseInt(values.get(1))) {
            return OAuth2TokenValidatorResult.failure(REVOKED);
        }
        return OAuth2TokenValidatorResult.success();
    }

    private static int generation(Jwt token) {
        Object claim = token.getClaim(GENERATION_CLAIM);
        // A staff token without the claim predates disabling: generation 0, the column's default.
        return claim instanceof Number number ? number.intValue() : 0;
    }

    private static String signedOutKey(String tokenId) {
        return "token:signed-out:" + tokenId;
    }

    private static String generationKey(String username) {
        return "staff:{" + username + "}:token-generation";
    }
}
