package com.swiftlend.protection.keys;

import javax.crypto.SecretKey;

/** One version of one purpose's data key, unwrapped. */
public record DataKey(KeyPurpose purpose, int version, SecretKey key) {

    @Override
    public String toString() {
        // Records print their components; the key material must never reach a log.
        return "DataKey[" + purpose + " v" + version + "]";
    }
}
