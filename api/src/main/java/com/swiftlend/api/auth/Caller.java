package com.swiftlend.api.auth;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling, as far as ownership goes: an operator sees every application, a borrower only
 * those made with the phone they signed in with (known by its blind index, never the number).
 */
public record Caller(boolean operator, String phoneIndex) {

    private static final String BORROWER_SUBJECT = "borrower:";

    public static Caller of(Authentication authentication) {
        boolean operator = authentication.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .anyMatch(("ROLE_" + Roles.OPERATOR)::equals);
        String subject = authentication.getPrincipal() instanceof Jwt jwt ? jwt.getSubject() : authentication.getName();
        String phoneIndex = subject != null && subject.startsWith(BORROWER_SUBJECT)
                ? subject.substring(BORROWER_SUBJECT.length())
                : null;
        return new Caller(operator, phoneIndex);
    }

    public boolean owns(String applicationPhoneIndex) {
        return phoneIndex != null && phoneIndex.equals(applicationPhoneIndex);
    }
}
