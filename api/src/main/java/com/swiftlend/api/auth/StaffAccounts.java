package com.swiftlend.api.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/** Staff accounts with hashed passwords (bcrypt through Spring Security's delegating encoder). */
@Component
class StaffAccounts {

    private final JdbcTemplate jdbc;
    private final PasswordEncoder passwords = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    /** Compared against when the username is unknown, so timing does not tell which usernames exist. */
    private final String decoy = passwords.encode("decoy-password-never-valid");

    StaffAccounts(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** @return the account's roles when the password matches */
    Optional<List<String>> authenticate(String username, String password) {
        List<String[]> rows = jdbc.query("select password_hash, roles from staff_account where username = ?",
                (row, n) -> new String[] {row.getString(1), row.getString(2)}, username);
        if (rows.isEmpty()) {
            passwords.matches(password, decoy);
            return Optional.empty();
        }
        String[] account = rows.get(0);
        if (!passwords.matches(password, account[0])) {
            return Optional.empty();
        }
        return Optional.of(Arrays.stream(account[1].split(",")).map(String::strip).toList());
    }

    /** Creates the account unless it exists; an existing account's password is never overwritten. */
    boolean createIfAbsent(String username, String password, List<String> roles) {
        return jdbc.update("insert into staff_account (username, password_hash, roles) values (?, ?, ?)"
                + " on conflict (username) do nothing", username, passwords.encode(password),
                String.join(",", roles)) == 1;
    }
}
