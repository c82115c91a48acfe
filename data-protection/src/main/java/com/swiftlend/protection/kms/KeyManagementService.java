package com.swiftlend.protection.kms;

/**
 * The key-encryption key's home: wraps and unwraps data keys, and never hands the KEK itself out.
 * Envelope encryption keeps the KEK in one place (a KMS or HSM in production) while personal data
 * is encrypted locally under data keys, so a database dump alone reveals nothing and a KEK
 * rotation rewraps a few data keys instead of re-encrypting every row.
 *
 * <p>Implementations:
 * <ul>
 * <li>{@link LocalKeyManagementService}: the KEK from an environment variable or a file, for the
 * embedded default and for deployments without a KMS.</li>
 * <li>AWS KMS: {@code activeKeyId()} is the key ARN or alias; {@code wrap} calls {@code Encrypt}
 * with {@code KeyId} and the context as {@code EncryptionContext={"swiftlend":base64(context)}};
 * {@code unwrap} calls {@code Decrypt} with the same encryption context (KMS records the key id
 * inside the ciphertext blob, {@code keyId} is passed for a clear mismatch error). A data key is at
 * most 32 bytes, well under Encrypt's 4 KB limit.</li>
 * <li>HashiCorp Vault Transit: {@code activeKeyId()} is the transit key name; {@code wrap} posts
 * {@code base64(plaintextKey)} to {@code transit/encrypt/<name>} with {@code context=base64(context)}
 * on a key created with {@code derived=true}, and stores the returned {@code vault:vN:...} text as
 * bytes; {@code unwrap} posts it to {@code transit/decrypt/<name>} with the same context. Vault's
 * own key versions make {@code transit/rewrap} the KEK rotation.</li>
 * </ul>
 * Register such an implementation as a bean and set {@code swiftlend.protection.kms.provider} to
 * anything but {@code local}.
 */
public interface KeyManagementService {

    /** The KEK new data keys are wrapped under; stored next to each wrapped key. */
    String activeKeyId();

    /**
     * Encrypts a data key under the active KEK.
     *
     * @param context associated data bound into the result, such as {@code data-key/FIELD/3}; the
     *        same context must be given to unwrap it, so a wrapped key cannot be passed off as
     *        another purpose's or version's key
     */
    byte[] wrap(byte[] plaintextKey, byte[] context);

    /** Decrypts a data key wrapped under {@code keyId} with {@code context}; fails if either differs. */
    byte[] unwrap(String keyId, byte[] wrapped, byte[] context);
}
