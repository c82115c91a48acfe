package com.swiftlend.api.auth;

import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** Which borrower an identity provider's subject is: {@code borrower_identity}, by (issuer, subject). */
@Component
class BorrowerIdentities {

    private final JdbcTemplate jdbc;

    BorrowerIdentities(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the borrower's phone index, or empty for a subject no borrower is linked to */
    Optional<String> phoneIndex(String issuer, String subject) {
        return jdbc.queryForList("select phone_index from borrower_identity where issuer = ? and subject = ?",
                String.class, issuer, subject).stream().findFirst();
    }
}
