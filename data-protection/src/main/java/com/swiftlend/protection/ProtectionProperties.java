package com.swiftlend.protection;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code swiftlend.protection.*}.
 *
 * @param kms where the key-encryption key lives
 * @param keys how data keys are cached
 * @param rotation the background re-encryption job
 * @param migrationMode migration mode: read a value of an encrypted column, or a Temporal
 *        payload, that is not encrypted, with a warning each time, instead of refusing it. Only for
 *        moving data written before encryption was switched on (the re-encryption job then
 *        encrypts it); otherwise whoever can write the database or a history could plant plaintext
 *        that the system would take for its own.
 */
@ConfigurationProperties("swiftlend.protection")
public record ProtectionProperties(@DefaultValue Kms kms, @DefaultValue Keys keys, @DefaultValue Rotation rotation,
        @DefaultValue("false") boolean migrationMode) {

    /**
     * @param provider {@code local} for {@code LocalKeyManagementService}; anything else to supply
     *        one's own {@code KeyManagementService} bean
     * @param localKeyFile a file holding the base64 KEK, used when {@code SWIFTLEND_KMS_LOCAL_KEY} is unset
     */
    public record Kms(@DefaultValue("local") String provider, Path localKeyFile) {
    }

    /** @param refresh how soon a process sees a data key version another process made active */
    public record Keys(@DefaultValue("1m") Duration refresh) {
    }

    /**
     * @param reencryptInterval how often the re-encryption job runs in the background; unset: never
     * @param reencryptOnStart whether it runs once after start-up, so plaintext left by a version
     *        before field encryption is encrypted and indexed without an operator
     * @param chunkSize rows per transaction
     */
    public record Rotation(Duration reencryptInterval, @DefaultValue("true") boolean reencryptOnStart,
            @DefaultValue("200") int chunkSize) {
    }
}
