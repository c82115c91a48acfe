package com.swiftlend.records.application;

import java.util.UUID;
import org.springframework.data.jpa.repository.JpaRepository;

public interface PublishedStatusRepository extends JpaRepository<PublishedStatus, UUID> {
}
