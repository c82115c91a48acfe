package com.swiftlend.api.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import com.nimbusds.jwt.JWTParser;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The key that signs and verifies our own tokens. It is read from a JWK file that never enters
 * the repository; the embedded default creates one at first start, readable by its owner only.
 */
@Configuration(proxyBeanMethods = false)
class TokenSigning {

    @Bean
    RSAKey tokenSigningKey(AuthProperties properties) {
        Path file = properties.signingKeyFile();
        if (file == null) {
            throw new IllegalStateException("swiftlend.auth.signing-key-file is not set: tokens cannot be signed");
        }
        try {
            if (!Files.exists(file)) {
                RSAKey generated = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
                writeOwnerOnly(file, generated.toJSONString());
                return generated;
            }
            return RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create the token signing key " + file, e);
        } catch (ParseException | JOSEException e) {
            throw new IllegalStateException("The token signing key " + file + " is not an RSA JWK", e);
        }
    }

    @Bean
    JwtEncoder jwtEncoder(RSAKey tokenSigningKey) {
        return new NimbusJwtEncoder(new ImmutableJWKSet<>(new JWKSet(tokenSigningKey)));
    }

    /**
     * Our tokens, and those of the trusted identity providers ({@code swiftlend.auth.external-issuers}):
     * the token's issuer, read before any check, only chooses whose key verifies it; that decoder
     * then checks the signature, the issuer itself, the expiry, our audience and the deny list. A
     * token of an issuer not trusted is refused. Not used when Spring Boot's own single-issuer
     * {@code issuer-uri} is configured.
     */
    @Bean
    @ConditionalOnExpression("'${spring.security.oauth2.resourceserver.jwt.issuer-uri:}' == ''")
    JwtDecoder jwtDecoder(RSAKey tokenSigningKey, AuthProperties properties, RevokedTokens revoked)
            throws JOSEException, GeneralSecurityException {
        Map<String, JwtDecoder> byIssuer = new HashMap<>();
        byIssuer.put(properties.issuer(), checked(NimbusJwtDecoder.withPublicKey(tokenSigningKey.toRSAPublicKey()).build(),
                properties.issuer(), properties.audience(), revoked));
        for (AuthProperties.ExternalIssuer external : properties.externalIssuers()) {
            NimbusJwtDecoder decoder = external.jwkSetUri() != null
                    ? NimbusJwtDecoder.withJwkSetUri(external.jwkSetUri()).build()
                    : NimbusJwtDecoder.withPublicKey(rsaPublicKey(external.publicKey())).build();
            byIssuer.put(external.issuer(), checked(decoder, external.issuer(), properties.audience(), revoked));
        }
        return token -> {
            String issuer;
            try {
                issuer = JWTParser.parse(token).getJWTClaimsSet().getIssuer();
            } catch (ParseException e) {
                throw new BadJwtException("The token is malformed", e);
            }
            JwtDecoder decoder = issuer == null ? null : byIssuer.get(issuer);
            if (decoder == null) {
                throw new BadJwtException("The token's issuer is not trusted");
            }
            return decoder.decode(token);
        };
    }

    private static NimbusJwtDecoder checked(NimbusJwtDecoder decoder, String issuer, String audience,
            RevokedTokens revoked) {
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(issuer),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD, aud -> aud != null && aud.contains(audience)),
                revoked));
        return decoder;
    }

    private static RSAPublicKey rsaPublicKey(String base64) throws GeneralSecurityException {
        if (base64 == null || base64.isBlank()) {
            throw new IllegalStateException("An external issuer needs a jwk-set-uri or a public-key");
        }
        return (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.strip())));
    }

    private static void writeOwnerOnly(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
