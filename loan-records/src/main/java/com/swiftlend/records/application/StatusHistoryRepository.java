package com.swiftlend.records.application;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface StatusHistoryRepository extends JpaRepository<StatusHistoryEntry, Long> {

    List<StatusHistoryEntry> findByApplicationIdOrderByRevision(UUID applicationId);

    /** The revisions after {@code revision}, oldest first: what a stream resumed at it has not seen. */
    List<StatusHistoryEntry> findByApplicationIdAndRevisionGreaterThanOrderByRevision(UUID applicationId,
            int revision);
}
