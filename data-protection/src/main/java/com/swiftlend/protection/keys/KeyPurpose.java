package com.swiftlend.protection.keys;

/**
 * What a data key is for. Each purpose has its own keys, so a key that leaks or is rotated for
 * one use leaves the others alone, and a blind index cannot be computed with an encryption key.
 */
public enum KeyPurpose {
    /** AES-256-GCM encryption of personal data columns. */
    FIELD,
    /** HMAC-SHA-256 of identifiers for equality lookups without the plaintext. */
    BLIND_INDEX,
    /** Encryption of Temporal payloads. */
    PAYLOAD
}
