package com.swiftlend.records.payout;

import java.util.List;
import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PayoutRepository extends JpaRepository<Payout, String> {

    List<Payout> findByApplicationIdOrderByAttempt(UUID applicationId);
}
