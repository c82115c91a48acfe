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

    /** Who signed in: the roles, and the generation their tokens carry. */
    record Account(List<String> roles, int tokenGeneration) {
    }

    /**
     * @return the account when the password matches and it is enabled; a disabled account answers
     *     as a wrong password does, so the answer tells nothing
     */
    Optional<Account> authenticate(String username, String password) {
        List<Object[]> rows = jdbc.query("""
                select password_hash, roles, token_generation from staff_account
                where username = ? and disabled_at is null""",
                (row, n) -> new Object[] {row.getString(1), row.getString(2), row.getInt(3)}, username);
        if (rows.isEmpty()) {
            passwords.matches(password, decoy);
            return Optional.empty();
        }
        Object[] account = rows.get(0);
        if (!passwords.matches(password, (String) account[0])) {
            return Optional.empty();
        }
        return Optional.of(new Account(Arrays.stream(((String) account[1]).split(",")).map(String::strip).toList(),
                (int) account[2]));
    }

    boolean exists(String username) {
        Integer count = jdbc.queryForObject("select count(*) from staff_account where username = ?", Integer.class,
                username);
        return count != null && count > 0;
    }

    /**
     * Disables an enabled account and raises its token generation, so every token issued before
     * stops working.
     *
     * @return the new generation, or empty when the account was already disabled
     */
    Optional<Integer> disable(String username) {
        return jdbc.query("""
                update staff_account set disabled_at = now(), token_generation = token_generation + 1
                where username = ? and disabled_at is null returning token_generation""",
                (row, n) -> row.getInt(1), username).stream().findFirst();
    }

    /** @return the account's token generation when it was disabled and is enabled now; else empty */
    Optional<Integer> enable(String username) {
        return jdbc.query("""
                update staff_account set disabled_at = null
                where username = ? and disabled_at is not null returning token_generation""",
                (row, n) -> row.getInt(1), username).stream().findFirst();
    }

    /** Creates the account unless it exists; an existing account's password is never overwritten. */
    boolean createIfAbsent(String username, String password, List<String> roles) {
        return jdbc.update("insert into staff_account (username, password_hash, roles) values (?, ?, ?)"
                + " on conflict (username) do nothing", username, passwords.encode(password),
                String.join(",", roles)) == 1;
    }
}
