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
 * Encrypts personal data for one cell ({@link FieldCell}): {@link AesGcm} under the active FIELD
 * data key, with the table, column and row as associated data, so a ciphertext copied into another
 * column or another row does not decrypt.
 *
 * <p>Stored form: {@code v2.<keyVersion>.<base64url(nonce ‖ ciphertext ‖ tag)>}. The key version
 * says which key decrypts it; the leading {@code v2} is the format. Two older forms exist in
 * databases written by earlier versions, and both are refused except in migration mode ({@code
 * swiftlend.protection.migration-mode}), where they are read (with a warning) until the
 * re-encryption job ({@link FieldKeyRotation}) has rewritten them: {@code v1.}, bound to the column
 * only, so whoever can write the database could move it between rows; and a value without a
 * prefix, a plaintext written before encryption existed or planted by someone who can write the
 * database.
 */
public class FieldEncryption {

    private static final String FORMAT = "v2.";
    private static final String COLUMN_BOUND = "v1.";
    /** What {@link #keyVersionOf} answers for a plaintext written before encryption. */
    public static final int PLAINTEXT = 0;

    private static final Logger log = LoggerFactory.getLogger(FieldEncryption.class);

    private final DataKeys keys;
    private final boolean migrationMode;

    /**
     * @param migrationMode {@code swiftlend.protection.migration-mode}: read a value in a legacy
     *     form (plaintext, or bound to its column only), with a warning, instead of refusing it
     */
    public FieldEncryption(DataKeys keys, boolean migrationMode) {
        this.keys = keys;
        this.migrationMode = migrationMode;
        if (migrationMode) {
            log.warn("Migration mode: unencrypted and column-bound values of encrypted columns are read"
                    + " (swiftlend.protection.migration-mode)");
        }
    }

    public String encrypt(String plaintext, FieldCell cell) {
        if (plaintext == null) {
            return null;
        }
        DataKey key = keys.active(KeyPurpose.FIELD);
        try {
            byte[] payload = AesGcm.seal(key.key(), cell.associatedData(), plaintext.getBytes(StandardCharsets.UTF_8));
            return FORMAT + key.version() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt a value of " + cell.qualifiedColumn(), e);
        }
    }

    public String decrypt(String stored, FieldCell cell) {
        if (stored == null) {
            return null;
        }
        String column = cell.qualifiedColumn();
        boolean columnBound = stored.startsWith(COLUMN_BOUND);
        if (!stored.startsWith(FORMAT) && !columnBound) {
            refuseOutsideMigrationMode("A value of " + column + " is not encrypted");
            log.warn("Read an unencrypted value of {} in migration mode", column);
            return stored;
        }
        if (columnBound) {
            refuseOutsideMigrationMode("A value of " + column + " is bound to its column only, not to its row");
            log.warn("Read a column-bound value of {} in migration mode", column);
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
                    columnBound ? cell.columnOnly() : cell.associatedData(), payload), StandardCharsets.UTF_8);
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("A value of " + column + " (key version " + version
                    + ") fails authentication: it was altered, or belongs to another column or row");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot decrypt a value of " + column, e);
        }
    }

    private void refuseOutsideMigrationMode(String problem) {
        if (!migrationMode) {
            throw new IllegalStateException(problem + "; refused outside migration mode"
                    + " (swiftlend.protection.migration-mode)");
        }
    }

    /** Whether a stored value is in the current form under the active key: nothing for the job to do. */
    public boolean isCurrent(String stored) {
        return stored == null
                || stored.startsWith(FORMAT) && keyVersionOf(stored) == keys.active(KeyPurpose.FIELD).version();
    }

    /** The SQL {@code like} pattern of values that are current under a key version. */
    static String currentPattern(int keyVersion) {
        return FORMAT + keyVersion + ".%";
    }

    /** The FIELD key version a stored value is under, or {@link #PLAINTEXT}. */
    public int keyVersionOf(String stored) {
        if (stored == null || !stored.startsWith(FORMAT) && !stored.startsWith(COLUMN_BOUND)) {
            return PLAINTEXT;
        }
        // Both formats are three characters long: "v2." and "v1.".
        int end = stored.indexOf('.', FORMAT.length());
        try {
            return Integer.parseInt(stored.substring(FORMAT.length(), end < 0 ? stored.length() : end));
        } catch (NumberFormatException e) {
            throw new IllegalStateException("A stored value has no key version");
        }
    }
}
