package com.swiftlend.protection.field;

import com.swiftlend.protection.AesGcm;
import com.swiftlend.protection.keys.DataKey;
import com.swiftlend.protection.keys.DataKeys;
import com.swiftlend.protection.keys.KeyPurpose;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts personal data for a column: {@link AesGcm} under the active FIELD data key, with the
 * column's name as associated data, so a value copied into another column does not decrypt.
 *
 * <p>Stored form: {@code v1.<keyVersion>.<base64url(nonce ‖ ciphertext ‖ tag)>}. The key version
 * says which key decrypts it; the leading {@code v1} is the format, so a later format can be told
 * apart. A value without that prefix is a plaintext: written before encryption was introduced, or
 * planted by someone who can write the database. It is refused, except in migration mode, where it
 * is read as is (with a warning) until the re-encryption job ({@link FieldKeyRotation}) has
 * encrypted it.
 */
public class FieldEncryption {

    private static final String FORMAT = "v1.";
    /** What {@link #keyVersionOf} answers for a plaintext written before encryption. */
    public static final int PLAINTEXT = 0;

    private static final Logger log = LoggerFactory.getLogger(FieldEncryption.class);

    private final DataKeys keys;
    private final boolean acceptPlaintext;

    /**
     * @param acceptPlaintext migration mode ({@code swiftlend.protection.accept-plaintext}): read a
     *     value that is not encrypted, with a warning, instead of refusing it
     */
    public FieldEncryption(DataKeys keys, boolean acceptPlaintext) {
        this.keys = keys;
        this.acceptPlaintext = acceptPlaintext;
        if (acceptPlaintext) {
            log.warn("Migration mode: unencrypted values of encrypted columns are read (swiftlend.protection.accept-plaintext)");
        }
    }

    /**
     * @param column the column as {@code table.column}, such as {@code loan_application.id_number}
     */
    public String encrypt(String plaintext, String column) {
        if (plaintext == null) {
            return null;
        }
        DataKey key = keys.active(KeyPurpose.FIELD);
        try {
            byte[] payload = AesGcm.seal(key.key(), column.getBytes(StandardCharsets.UTF_8),
                    plaintext.getBytes(StandardCharsets.UTF_8));
            return FORMAT + key.version() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a value of " + column, e);
        }
    }

    public String decrypt(String stored, String column) {
        if (stored == null) {
            return null;
        }
        if (!stored.startsWith(FORMAT)) {
            if (!acceptPlaintext) {
                throw new IllegalStateException("A value of " + column
                        + " is not encrypted; refused outside migration mode (swiftlend.protection.accept-plaintext)");
            }
            log.warn("Read an unencrypted value of {} in migration mode", column);
            return stored;
        }
        int version = keyVersionOf(stored);
        byte[] payload;
        try {
            payload = Base64.getUrlDecoder().decode(stored.substring(stored.indexOf('.', FORMAT.length()) + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("A value of " + column + " is not valid ciphertext");
        }
        if (payload.length < AesGcm.NONCE_BYTES + AesGcm.TAG_BYTES) {
            throw new IllegalStateException("A value of " + column + " is truncated");
        }
        try {
            return new String(AesGcm.open(keys.version(KeyPurpose.FIELD, version).key(),
                    column.getBytes(StandardCharsets.UTF_8), payload), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("A value of " + column + " (key version " + version
                    + ") fails authentication: it was altered, or belongs to another column");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt a value of " + column, e);
        }
    }

    /** The FIELD key version a stored value is under, or {@link #PLAINTEXT}. */
    public int keyVersionOf(String stored) {
        if (stored == null || !stored.startsWith(FORMAT)) {
            return PLAINTEXT;
        }
        int end = stored.indexOf('.', FORMAT.length());
        try {
            return Integer.parseInt(stored.substring(FORMAT.length(), end < 0 ? stored.length() : end));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("A stored value has no key version");
        }
    }
}
