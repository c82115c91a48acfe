package com.swiftlend.records.blacklist;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface BlacklistRepository extends JpaRepository<BlacklistEntry, Long> {

    List<BlacklistEntry> findByIdNumberOrPhone(String idNumber, String phone);
}
