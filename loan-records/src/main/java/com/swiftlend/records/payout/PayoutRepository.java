package com.swiftlend.records.payout;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface PayoutRepository extends JpaRepository<Payout, String> {

    List<Payout> findByApplicationIdOrderByAttempt(UUID applicationId);

    /**
     * The row locked until the transaction ends: a state change reads the state it changes under
     * the lock, so two activity executions (a retry overtaking a slow attempt) or the stale-claim
     * sweep never both act on one state.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select p from Payout p where p.idempotencyKey = :key")
    Optional<Payout> lockByKey(String key);
}
