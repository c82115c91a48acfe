package com.swiftlend.records.application;

import com.swiftlend.workflows.application.ApplicationState;
import com.swiftlend.workflows.application.ApplicationStep;
import com.swiftlend.workflows.application.ApplicationStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/** One status revision of an application, kept for good: the trail of what happened when. */
@Entity
@Table(name = "application_status_history")
public class StatusHistoryEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "application_id", nullable = false, updatable = false)
    private UUID applicationId;

    @Column(nullable = false, updatable = false)
    private int revision;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ApplicationState status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    private ApplicationStep step;

    @Column(name = "recorded_at", nullable = false, updatable = false)
    private Instant recordedAt;

    /** The whole status at this revision, as a live stream sends it (null for revisions before V10); written by {@link PublishedStatuses}. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(updatable = false)
    private ApplicationStatus snapshot;

    protected StatusHistoryEntry() {
        // for JPA
    }

    public StatusHistoryEntry(UUID applicationId, int revision, ApplicationState status, ApplicationStep step,
            Instant recordedAt) {
        this.applicationId = applicationId;
        this.revision = revision;
        this.status = status;
        this.step = step;
        this.recordedAt = recordedAt;
    }

    public ApplicationStatus getSnapshot() {
        return snapshot;
    }

    public int getRevision() {
        return revision;
    }

    public ApplicationState getStatus() {
        return status;
    }

    public ApplicationStep getStep() {
        return step;
    }

    public Instant getRecordedAt() {
        return recordedAt;
    }
}
