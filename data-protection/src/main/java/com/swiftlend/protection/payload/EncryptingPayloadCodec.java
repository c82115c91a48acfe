package com.swiftlend.protection.payload;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.swiftlend.protection.keys.DataKey;
import com.swiftlend.protection.keys.DataKeys;
import com.swiftlend.protection.keys.KeyPurpose;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.EncodingKeys;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

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
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final DataKeys keys;
    private final SecureRandom random = new SecureRandom();

    public EncryptingPayloadCodec(DataKeys keys) {
        this.keys = keys;
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
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(ENCODING.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(payload.toByteArray());
            return Payload.newBuilder()
                    .putMetadata(EncodingKeys.METADATA_ENCODING_KEY, ByteString.copyFromUtf8(ENCODING))
                    .putMetadata(KEY_VERSION, ByteString.copyFromUtf8(Integer.toString(key.version())))
                    .setData(ByteString.copyFrom(ByteBuffer.allocate(nonce.length + sealed.length).put(nonce)
                            .put(sealed).array()))
                    .build();
        } catch (GeneralSecurityException e) {
            throw new PayloadCodecException(e);
        }
    }

    private Payload decrypt(Payload payload) {
        ByteString encoding = payload.getMetadataOrDefault(EncodingKeys.METADATA_ENCODING_KEY, ByteString.EMPTY);
        if (!ENCODING.equals(encoding.toStringUtf8())) {
            // Written before encryption was switched on, or by a client without it.
            return payload;
        }
        int version = Integer.parseInt(payload.getMetadataOrThrow(KEY_VERSION).toStringUtf8());
        DataKey key = keys.version(KeyPurpose.PAYLOAD, version);
        byte[] data = payload.getData().toByteArray();
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key.key(), new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(ENCODING.getBytes(StandardCharsets.UTF_8));
            return Payload.parseFrom(cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES));
        } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
            throw new PayloadCodecException(e);
        }
    }
}
