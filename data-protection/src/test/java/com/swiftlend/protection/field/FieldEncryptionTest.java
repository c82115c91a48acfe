package com.swiftlend.protection.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.swiftlend.protection.AesGcm;
import com.swiftlend.protection.KeyDatabase;
import com.swiftlend.protection.keys.DataKeyRing;
import com.swiftlend.protection.keys.KeyPurpose;
import com.swiftlend.protection.kms.KeyManagementService;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FieldEncryptionTest {

    private static final String ID_NUMBER = "11010519491231002X";
    private static final FieldCell COLUMN = new FieldCell("loan_application", "id_number", "row-1");

    private static final KeyDatabase database = new KeyDatabase();

    private KeyManagementService kms;
    private DataKeyRing keys;
    private FieldEncryption encryption;

    @BeforeEach
    void setUp() {
        database.reset();
        kms = KeyDatabase.newKms();
        keys = database.ring(kms);
        encryption = new FieldEncryption(keys, false);
    }

    @AfterAll
    static void stop() throws Exception {
        database.close();
    }

    @Test
    void givenValue_whenEncryptedAndDecrypted_itComesBackWithoutAppearingInTheStoredText() {
        String stored = encryption.encrypt(ID_NUMBER, COLUMN);

        assertThat(stored).startsWith("v2.1.").doesNotContain(ID_NUMBER).doesNotContain("19491231");
        assertThat(encryption.keyVersionOf(stored)).isEqualTo(1);
        assertThat(encryption.decrypt(stored, COLUMN)).isEqualTo(ID_NUMBER);
    }

    @Test
    void givenSameValueTwice_whenEncrypting_theCiphertextsDiffer() {
        assertThat(encryption.encrypt(ID_NUMBER, COLUMN)).isNotEqualTo(encryption.encrypt(ID_NUMBER, COLUMN));
    }

    @Test
    void givenOneFlippedByte_whenDecrypting_itFails() {
        String stored = encryption.encrypt(ID_NUMBER, COLUMN);
        String prefix = stored.substring(0, stored.lastIndexOf('.') + 1);
        byte[] payload = Base64.getUrlDecoder().decode(stored.substring(prefix.length()));
        for (int i = 0; i < payload.length; i++) {
            byte[] tampered = payload.clone();
            tampered[i] ^= 0x01;
            String altered = prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(tampered);

            assertThatThrownBy(() -> encryption.decrypt(altered, COLUMN))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageNotContaining(ID_NUMBER);
        }
    }

    @Test
    void givenCiphertextOfOneColumn_whenDecryptedAsAnother_itFails() {
        String stored = encryption.encrypt("13800138000", new FieldCell("loan_application", "phone", "row-1"));

        assertThatThrownBy(() -> encryption.decrypt(stored, new FieldCell("loan_application", "bank_card", "row-1")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another column or row");
    }

    @Test
    void givenCiphertextOfOneRow_whenDecryptedAsTheSameColumnOfAnotherRow_itFails() {
        String stored = encryption.encrypt("6222020200112233445", new FieldCell("loan_application", "bank_card", "a"));

        assertThatThrownBy(() -> encryption.decrypt(stored, new FieldCell("loan_application", "bank_card", "b")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("another column or row")
                .hasMessageNotContaining("6222020200112233445");
    }

    @Test
    void givenColumnBoundV1Ciphertext_whenDecrypting_itIsRefusedOutsideMigrationModeAndReadInIt() throws Exception {
        // As versions before V12 wrote it: bound to "table.column" only, so it could move between rows.
        String v1 = "v1.1." + Base64.getUrlEncoder().withoutPadding().encodeToString(AesGcm.seal(
                keys.active(KeyPurpose.FIELD).key(), COLUMN.qualifiedColumn().getBytes(StandardCharsets.UTF_8),
                ID_NUMBER.getBytes(StandardCharsets.UTF_8)));

        assertThatThrownBy(() -> encryption.decrypt(v1, COLUMN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("bound to its column only")
                .hasMessageContaining("swiftlend.protection.migration-mode");
        FieldEncryption migrating = new FieldEncryption(keys, true);
        assertThat(migrating.decrypt(v1, COLUMN)).isEqualTo(ID_NUMBER);
        assertThat(migrating.keyVersionOf(v1)).isEqualTo(1);
        assertThat(migrating.isCurrent(v1)).isFalse();
        assertThat(migrating.isCurrent(migrating.encrypt(ID_NUMBER, COLUMN))).isTrue();
    }

    @Test
    void givenNullOrLegacyPlaintextInMigrationMode_whenDecrypting_itIsReturnedAsStored() {
        FieldEncryption migrating = new FieldEncryption(keys, true);

        assertThat(migrating.encrypt(null, COLUMN)).isNull();
        assertThat(migrating.decrypt(null, COLUMN)).isNull();
        assertThat(migrating.decrypt(ID_NUMBER, COLUMN)).isEqualTo(ID_NUMBER);
        assertThat(migrating.keyVersionOf(ID_NUMBER)).isEqualTo(FieldEncryption.PLAINTEXT);
    }

    @Test
    void givenAPlaintextPlantedInAnEncryptedColumn_whenDecryptingOutsideMigrationMode_itIsRefusedWithoutQuotingIt() {
        assertThat(encryption.decrypt(null, COLUMN)).isNull();
        assertThatThrownBy(() -> encryption.decrypt(ID_NUMBER, COLUMN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(COLUMN.qualifiedColumn())
                .hasMessageContaining("not encrypted")
                .hasMessageNotContaining(ID_NUMBER);
    }

    @Test
    void givenRotatedKey_whenEncryptingAndDecrypting_newValuesUseV2AndOldOnesStillDecrypt() {
        String underV1 = encryption.encrypt(ID_NUMBER, COLUMN);

        int rotated = keys.rotate(KeyPurpose.FIELD);
        String underV2 = encryption.encrypt(ID_NUMBER, COLUMN);

        assertThat(rotated).isEqualTo(2);
        assertThat(encryption.keyVersionOf(underV2)).isEqualTo(2);
        assertThat(encryption.decrypt(underV1, COLUMN)).isEqualTo(ID_NUMBER);
        assertThat(encryption.decrypt(underV2, COLUMN)).isEqualTo(ID_NUMBER);
    }

    @Test
    void givenKeyRotatedByAnotherProcess_whenDecryptingItsValue_theRingReloadsAndDecrypts() {
        String underV1 = encryption.encrypt(ID_NUMBER, COLUMN);
        DataKeyRing otherProcess = database.ring(kms);
        FieldEncryption other = new FieldEncryption(otherProcess, false);
        assertThat(other.decrypt(underV1, COLUMN)).isEqualTo(ID_NUMBER);

        keys.rotate(KeyPurpose.FIELD);
        String underV2 = encryption.encrypt(ID_NUMBER, COLUMN);

        assertThat(other.decrypt(underV2, COLUMN)).isEqualTo(ID_NUMBER);
    }

    @Test
    void givenUnknownKeyVersion_whenDecrypting_itFailsNamingTheVersion() {
        String stored = encryption.encrypt(ID_NUMBER, COLUMN).replaceFirst("^v2\\.1\\.", "v2.9.");

        assertThatThrownBy(() -> encryption.decrypt(stored, COLUMN))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version 9");
    }
}
