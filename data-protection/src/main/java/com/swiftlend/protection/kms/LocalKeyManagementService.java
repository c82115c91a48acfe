package com.swiftlend.protection.kms;

import com.swiftlend.protection.AesGcm;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * A KMS stand-in holding one 256-bit KEK in process memory, read from the environment variable
 * {@value #ENVIRONMENT_VARIABLE} (base64) or else from the file named by
 * {@code swiftlend.protection.kms.local-key-file} (base64 text). The KEK never comes from the
 * repository or a property value, and is never logged: error messages name where it was looked for,
 * never what was found. Wrapping is AES-256-GCM with a random 96-bit nonce: {@code nonce ‖ ciphertext ‖ tag}.
 *
 * <p>The key id is a one-way fingerprint of the KEK, so a database whose data keys were wrapped
 * under another KEK is refused with a message naming both ids instead of a bare tag mismatch.
 */
public final class LocalKeyManagementService implements KeyManagementService {

    public static final String ENVIRONMENT_VARIABLE = "SWIFTLEND_KMS_LOCAL_KEY";

    private static final int KEY_BYTES = 32;

    private final SecretKey kek;
    private final String keyId;

    public LocalKeyManagementService(Path keyFile) {
        this(keyFile, System::getenv);
    }

    LocalKeyManagementService(Path keyFile, Function<String, String> environment) {
        this(readKey(keyFile, environment.apply(ENVIRONMENT_VARIABLE)));
    }

    /** A KEK given directly, for tests and for a caller that fetched it from a secret store. */
    public LocalKeyManagementService(byte[] kek) {
        if (kek.length != KEY_BYTES) {
            throw new IllegalStateException("The local KEK must be 256 bits (32 bytes), got " + kek.length + " bytes");
        }
        this.kek = new SecretKeySpec(kek.clone(), "AES");
        this.keyId = "local-" + fingerprint(this.kek);
    }

    /** 32 random bytes, base64: the content of a new local key file or environment variable. */
    public static String newEncodedKey() {
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Override
    public String activeKeyId() {
        return keyId;
    }

    @Override
    public byte[] wrap(byte[] plaintextKey, byte[] context) {
        try {
            return AesGcm.seal(kek, context, plaintextKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot wrap a data key", e);
        }
    }

    @Override
    public byte[] unwrap(String wrappedUnder, byte[] wrapped, byte[] context) {
        if (!keyId.equals(wrappedUnder)) {
            throw new IllegalStateException("A data key was wrapped under KEK " + wrappedUnder
                    + " but the configured local KEK is " + keyId
                    + ": configure the KEK this database was created with (" + ENVIRONMENT_VARIABLE
                    + " or swiftlend.protection.kms.local-key-file)");
        }
        try {
            return AesGcm.open(kek, context, wrapped);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot unwrap the data key "
                    + new String(context, StandardCharsets.UTF_8) + " under KEK " + keyId
                    + ": it was altered or wrapped for another purpose", e);
        }
    }

    private static byte[] readKey(Path keyFile, String fromEnvironment) {
        String encoded;
        String source;
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            encoded = fromEnvironment;
            source = "environment variable " + ENVIRONMENT_VARIABLE;
        } else if (keyFile != null) {
            source = "file " + keyFile.toAbsolutePath();
            try {
                encoded = Files.readString(keyFile, StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new IllegalStateException("Cannot read the local KEK from " + source + " ("
                        + e.getClass().getSimpleName() + ")");
            }
        } else {
            throw new IllegalStateException("No key-encryption key: personal data cannot be stored. Set the environment "
                    + "variable " + ENVIRONMENT_VARIABLE + " or the property swiftlend.protection.kms.local-key-file "
                    + "to 32 random bytes in base64 (for example: openssl rand -base64 32), or plug in a real KMS "
                    + "(swiftlend.protection.kms.provider).");
        }
        byte[] key;
        try {
            key = Base64.getDecoder().decode(encoded.strip());
        } catch (IllegalArgumentException e) {
            // The decoder's message quotes the offending character; the key material must not reach a log.
            throw new IllegalStateException("The local KEK in " + source + " is not base64");
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("The local KEK in " + source + " must be 32 bytes (256 bits), got "
                    + key.length);
        }
        return key;
    }

    private static String fingerprint(SecretKey kek) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(kek);
            byte[] id = mac.doFinal("swiftlend local KEK id".getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(id, 0, 8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
