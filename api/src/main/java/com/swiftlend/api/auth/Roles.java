package com.swiftlend.api.auth;

/** The roles a token can carry, as they appear in its {@code roles} claim. */
public final class Roles {

    /** Applies for loans and reads their own applications. */
    public static final String BORROWER = "BORROWER";
    /** Reviews applications, controls channels, handles discrepancies, reads decrypted histories. */
    public static final String OPERATOR = "OPERATOR";
    /** Edits decision tables and models. */
    public static final String RULE_EDITOR = "RULE_EDITOR";
    /** Disables and enables staff accounts. */
    public static final String STAFF_ADMIN = "STAFF_ADMIN";

    private Roles() {
    }
}
