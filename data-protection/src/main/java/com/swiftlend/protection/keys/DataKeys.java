package com.swiftlend.protection.keys;

/** The data keys of every purpose: the one to encrypt with now, and any version to decrypt with. */
public interface DataKeys {

    /** The version new values are written under. */
    DataKey active(KeyPurpose purpose);

    /**
     * A given version, for values written under it.
     *
     * @throws IllegalStateException if no such version exists
     */
    DataKey version(KeyPurpose purpose, int version);
}
