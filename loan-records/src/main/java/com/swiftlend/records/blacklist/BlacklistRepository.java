package com.swiftlend.records.blacklist;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface BlacklistRepository extends JpaRepository<BlacklistEntry, Long> {

    /** Entries listing either blind index ({@code BlindIndex.of(ID_NUMBER | PHONE, ...)}). */
    List<BlacklistEntry> findByIdNumberIndexOrPhoneIndex(String idNumberIndex, String phoneIndex);
}
