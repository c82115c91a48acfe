package com.swiftlend.records.blacklist;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An ID number or phone we will not lend to, and why. */
@Entity
@Table(name = "blacklist_entry")
public class BlacklistEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "id_number")
    private String idNumber;

    private String phone;

    @Column(nullable = false)
    private String reason;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected BlacklistEntry() {
        // for JPA
    }

    public BlacklistEntry(String idNumber, String phone, String reason, Instant createdAt) {
        this.idNumber = idNumber;
        this.phone = phone;
        this.reason = reason;
        this.createdAt = createdAt;
    }

    public String getReason() {
        return reason;
    }
}
