package com.swiftlend.api.auth;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How people sign in. Borrowers sign in the way lending apps do, with their phone and a one-time
 * code; staff with a username and password. Both get a short-lived signed JWT.
 *
 * @param signingKeyFile the JWK (RSA, private) that signs tokens; the embedded default creates it
 *     under its data directory at first start. Tokens of identity providers are trusted beside
 *     ours through {@code externalIssuers}.
 * @param issuer the {@code iss} of the tokens this service signs
 * @param audience the {@code aud} they are for, and the one a token must name to be accepted: a
 *     token our key signed for another service (or for none) is not a token for this API
 * @param borrowerTokenTtl how long a borrower's token lives: a lost phone should not stay signed in
 * @param staffTokenTtl how long a staff token lives: an hour, then sign in again; a stolen staff
 *     token is worth much more than a borrower's
 * @param staffLockout how staff sign-in slows down an online password guesser
 * @param demoAccounts whether to create the {@code operator} and {@code editor} demo accounts
 * @param demoPassword their password ({@code SWIFTLEND_DEMO_PASSWORD})
 * @param smsBaseUrl the SMS gateway that delivers one-time codes
 * @param externalIssuers identity providers whose tokens are trusted beside ours; their subjects
 *     are borrowers through the {@code borrower_identity} table, their roles in a {@code roles}
 *     claim, and their tokens must name our {@code audience}
 */
@ConfigurationProperties("swiftlend.auth")
public record AuthProperties(
        Path signingKeyFile,
        @DefaultValue("swiftlend") String issuer,
        @DefaultValue("swiftlend-api") String audience,
        @DefaultValue("15m") Duration borrowerTokenTtl,
        @DefaultValue("1h") Duration staffTokenTtl,
        @DefaultValue Otp otp,
        @DefaultValue StaffLockout staffLockout,
        @DefaultValue("false") boolean demoAccounts,
        @DefaultValue(DEFAULT_DEMO_PASSWORD) String demoPassword,
        String smsBaseUrl,
        @DefaultValue List<ExternalIssuer> externalIssuers) {

    public static final String DEFAULT_DEMO_PASSWORD = "swiftlend-demo";

    /**
     * @param issuer the provider's {@code iss}
     * @param publicKey its RSA signing key, base64 X.509, when it publishes no key set
     * @param jwkSetUri its key set, the usual way (takes precedence over {@code publicKey})
     */
    public record ExternalIssuer(String issuer, String publicKey, String jwkSetUri) {
    }

    /**
     * @param ttl how long a code is valid
     * @param maxAttempts wrong guesses before the code is burnt: 6 digits and 5 guesses leave an
     *     attacker a 1 in 200,000 chance per code
     * @param resendInterval how soon a new code may be asked for the same phone (SMS costs money
     *     and floods the borrower)
     * @param maxFailuresPerHour wrong or stale codes per phone in an hour, whichever code they were
     *     for, before the phone is locked out of sign-in until the hour is over: without it every
     *     new code brings five fresh guesses (10 a minute, ~1.4 % a day of taking an account over);
     *     with 10 an hour and 20 a day, ~0.002 % a day
     * @param maxFailuresPerDay the same over 24 hours
     * @param maxCodesPerDay codes sent to one phone in 24 hours: SMS pumping is paid by us
     */
    public record Otp(
            @DefaultValue("5m") Duration ttl,
            @DefaultValue("5") int maxAttempts,
            @DefaultValue("30s") Duration resendInterval,
            @DefaultValue("10") int maxFailuresPerHour,
            @DefaultValue("20") int maxFailuresPerDay,
            @DefaultValue("10") int maxCodesPerDay) {
    }

    /**
     * A staff account (or a username that is none: the answer must not tell) is locked after
     * {@code freeFailures} wrong passwords in a row, for {@code firstLock}, doubling with every
     * further wrong password up to {@code maxLock}; a right password ends the count. Five guesses,
     * then about 29 more in the first day (locks of 1, 2, 4 ... 32 minutes, then one an hour): an
     * online guesser gets nowhere, a person who mistyped waits a minute.
     *
     * @param failuresKept how long a run of wrong passwords is remembered after the last one
     */
    public record StaffLockout(
            @DefaultValue("5") int freeFailures,
            @DefaultValue("1m") Duration firstLock,
            @DefaultValue("1h") Duration maxLock,
            @DefaultValue("24h") Duration failuresKept) {
    }
}
