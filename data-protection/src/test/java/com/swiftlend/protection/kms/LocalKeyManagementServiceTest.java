package com.swiftlend.protection.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeyManagementServiceTest {

    private static final byte[] DATA_KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CONTEXT = "data-key/FIELD/1".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path directory;

    @Test
    void givenWrappedDataKey_whenUnwrappingWithSameContext_itReturnsTheKey() {
        LocalKeyManagementService kms = new LocalKeyManagementService(kek());

        byte[] wrapped = kms.wrap(DATA_KEY, CONTEXT);

        assertThat(wrapped).isNotEqualTo(DATA_KEY);
        assertThat(kms.unwrap(kms.activeKeyId(), wrapped, CONTEXT)).isEqualTo(DATA_KEY);
    }

    @Test
    void givenWrappedDataKey_whenUnwrappingForAnotherPurpose_itFails() {
        LocalKeyManagementService kms = new LocalKeyManagementService(kek());
        byte[] wrapped = kms.wrap(DATA_KEY, CONTEXT);

        assertThatThrownBy(() -> kms.unwrap(kms.activeKeyId(), wrapped,
                "data-key/BLIND_INDEX/1".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenAnotherKek_whenUnwrapping_itCannotEvenWithTheRightKeyId() {
        LocalKeyManagementService owner = new LocalKeyManagementService(kek());
        LocalKeyManagementService other = new LocalKeyManagementService(kek());
        byte[] wrapped = owner.wrap(DATA_KEY, CONTEXT);

        assertThat(other.activeKeyId()).isNotEqualTo(owner.activeKeyId());
        assertThatThrownBy(() -> other.unwrap(owner.activeKeyId(), wrapped, CONTEXT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(owner.activeKeyId());
        assertThatThrownBy(() -> other.unwrap(other.activeKeyId(), wrapped, CONTEXT))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void givenNoKeyAnywhere_whenStarting_itRefusesNamingWhereToPutOne() {
        assertThatThrownBy(() -> new LocalKeyManagementService(null, Map.<String, String>of()::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(LocalKeyManagementService.ENVIRONMENT_VARIABLE)
                .hasMessageContaining("swiftlend.protection.kms.local-key-file");
    }

    @Test
    void givenKeyFileOfWrongLength_whenStarting_itRefusesWithoutPrintingTheKey() throws Exception {
        String shortKey = Base64.getEncoder().encodeToString("too short a key".getBytes(StandardCharsets.US_ASCII));
        Path file = Files.writeString(directory.resolve("kek"), shortKey);

        assertThatThrownBy(() -> new LocalKeyManagementService(file, Map.<String, String>of()::get))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("32 bytes")
                .hasMessageNotContaining(shortKey);
    }

    @Test
    void givenKeyInEnvironmentAndFile_whenStarting_theEnvironmentWins() throws Exception {
        String inEnvironment = LocalKeyManagementService.newEncodedKey();
        Path file = Files.writeString(directory.resolve("kek"), LocalKeyManagementService.newEncodedKey() + "\n");

        LocalKeyManagementService fromBoth = new LocalKeyManagementService(file,
                Map.of(LocalKeyManagementService.ENVIRONMENT_VARIABLE, inEnvironment)::get);
        LocalKeyManagementService fromFile = new LocalKeyManagementService(file, Map.<String, String>of()::get);

        assertThat(fromBoth.activeKeyId())
                .isEqualTo(new LocalKeyManagementService(Base64.getDecoder().decode(inEnvironment)).activeKeyId())
                .isNotEqualTo(fromFile.activeKeyId());
    }

    private static byte[] kek() {
        return Base64.getDecoder().decode(LocalKeyManagementService.newEncodedKey());
    }
}
