package com.swiftlend.api.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.stereotype.Component;

/** Signs the tokens that the API then accepts as bearer tokens. */
@Component
class TokenIssuer {

    /** The answer of the token endpoint (RFC 6749 field names would be snake_case; ours are camelCase). */
    record AccessToken(String accessToken, String tokenType, long expiresIn) {
    }

    private final JwtEncoder encoder;
    private final AuthProperties properties;
    private final Clock clock;

    TokenIssuer(JwtEncoder encoder, AuthProperties properties, Clock clock) {
        this.encoder = encoder;
        this.properties = properties;
        this.clock = clock;
    }

    /** A borrower is known by the blind index of their phone: the token carries no phone number. */
    AccessToken borrower(String phoneIndex) {
        return issue("borrower:" + phoneIndex, List.of(Roles.BORROWER), properties.borrowerTokenTtl(), Map.of());
    }

    /** Carries the account's token generation, so disabling the account ends it ({@link RevokedTokens}). */
    AccessToken staff(String username, StaffAccounts.Account account) {
        return issue("staff:" + username, account.roles(), properties.staffTokenTtl(),
                Map.of(RevokedTokens.GENERATION_CLAIM, account.tokenGeneration()));
    }

    private AccessToken issue(String subject, List<String> roles, Duration ttl, Map<String, Object> extra) {
        Instant now = Instant.now(clock);
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(properties.issuer())
                .audience(List.of(properties.audience()))
                // Names the token, so signing out can deny exactly it.
                .id(UUID.randomUUID().toString())
                .subject(subject)
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("roles", roles)
                .claims(all -> all.putAll(extra))
                .build();
        String token = encoder.encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
        return new AccessToken(token, "Bearer", ttl.toSeconds());
    }
}
