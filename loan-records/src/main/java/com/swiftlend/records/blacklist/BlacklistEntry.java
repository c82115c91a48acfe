package com.swiftlend.records.blacklist;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * An ID number or phone we will not lend to, and why. Only the identifiers' blind indexes are
 * kept ({@code BlindIndex.of(BlindIndex.ID_NUMBER, ...)}, {@code BlindIndex.PHONE}): a blacklist
 * is a list of people and needs no plaintext to answer "is this one on it?".
 */
@Entity
@Table(name = "blacklist_entry")
public class BlacklistEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "id_number_index", length = 64)
    private String idNumberIndex;

    @JdbcTypeCode(SqlTypes.CHAR)
    @Column(name = "phone_index", length = 64)
    private String phoneIndex;

    @Column(nullable = false)
    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected BlacklistEntry() {
        // for JPA
    }

    public BlacklistEntry(String idNumberIndex, String phoneIndex, String reason, Instant createdAt) {
        this.idNumberIndex = idNumberIndex;
        this.phoneIndex = phoneIndex;
        this.reason = reason;
        this.createdAt = createdAt;
    }

    public String getReason() {
        return reason;
    }
}
