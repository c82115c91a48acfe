package com.swiftlend.protection.payload;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.swiftlend.protection.AesGcm;
import com.swiftlend.protection.keys.DataKey;
import com.swiftlend.protection.keys.DataKeys;
import com.swiftlend.protection.keys.KeyPurpose;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Encrypts every Temporal payload (workflow inputs, activity arguments and results, query
 * answers, failure details) with AES-256-GCM before it leaves this process. Temporal stores
 * payloads in its history as they arrive, and the loan workflow's carry ID numbers, phones and
 * card numbers; with this codec the Temporal service, its database and anyone with the Temporal
 * UI but no codec access see only ciphertext.
 *
 * <p>The whole serialized payload is encrypted, its metadata included, so not even the encoding
 * or type leaks. The key version is kept in the outer metadata so payloads written under an older
 * PAYLOAD key still decode after a rotation. The payload's encoding is bound in as associated
 * data, so a ciphertext cannot be replayed under another encoding.
 */
public class EncryptingPayloadCodec implements PayloadCodec {

    static final String ENCODING = "binary/encrypted";
    static final String KEY_VERSION = "encryption-key-version";

    private static final Logger log = LoggerFactory.getLogger(EncryptingPayloadCodec.class);

    private final DataKeys keys;
    private final boolean migrationMode;

    /**
     * @param migrationMode migration mode ({@code swiftlend.protection.migration-mode}): let an
     *     unencrypted payload through with a warning instead of refusing it
     */
    public EncryptingPayloadCodec(DataKeys keys, boolean migrationMode) {
        this.keys = keys;
        this.migrationMode = migrationMode;
        if (migrationMode) {
            log.warn("Migration mode: unencrypted Temporal payloads are accepted (swiftlend.protection.migration-mode)");
        }
    }

    @Override
    public List<Payload> encode(List<Payload> payloads) {
        return payloads.stream().map(this::encrypt).toList();
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
        return payloads.stream().map(this::decrypt).toList();
    }

    private Payload encrypt(Payload payload) {
        DataKey key = keys.active(KeyPurpose.PAYLOAD);
        try {
            byte[] sealed = AesGcm.seal(key.key(), ENCODING.getBytes(StandardCharsets.UTF_8), payload.toByteArray());
            return Payload.newBuilder()
                    .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ByteString.copyFromUtf8(ENCODING))
                    .putMetadata(KEY_VERSION, ByteString.copyFromUtf8(Integer.toString(key.version())))
                    .setData(ByteString.copyFrom(sealed))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException(e);
        }
    }

    private Payload decrypt(Payload payload) {
        ByteString encoding = payload.getMetadataOrDefault(EncodingKeys.METADATA_ENCODING_KEY, ByteString.EMPTY);
        if (!ENCODING.equals(encoding.toStringUtf8())) {
            // Written before encryption was switched on, by a client without it, or planted.
            if (!migrationMode) {
                throw new PayloadCodecException("A payload is not encrypted (encoding '" + encoding.toStringUtf8()
                        + "'); refused outside migration mode (swiftlend.protection.migration-mode)");
            }
            log.warn("Accepted an unencrypted payload (encoding '{}') in migration mode", encoding.toStringUtf8());
            return payload;
        }
        int version = Integer.parseInt(payload.getMetadataOrThrow(KEY_VERSION).toStringUtf8());
        DataKey key = keys.version(KeyPurpose.PAYLOAD, version);
        try {
            return Payload.parseFrom(AesGcm.open(key.key(), ENCODING.getBytes(StandardCharsets.UTF_8),
                    payload.getData().toByteArray()));
        } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
            throw new PayloadCodecException(e);
        }
    }
}
