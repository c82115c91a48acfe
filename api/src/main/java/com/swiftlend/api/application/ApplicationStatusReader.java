package com.swiftlend.api.application;

import com.swiftlend.api.auth.Caller;
import com.swiftlend.records.application.PublishedStatus;
import com.swiftlend.records.application.PublishedStatuses;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Answers an application's status from its read model: the revision the workflow last
 * published. It never queries the workflow (a query is a workflow task on the worker that must
 * make progress, and pollers would compete with the work they wait for) and reads none of the
 * encrypted personal data. Operators who want a running workflow's own view query it in the
 * Temporal UI.
 */
@Component
class ApplicationStatusReader {

    private final PublishedStatuses statuses;

    ApplicationStatusReader(PublishedStatuses statuses) {
        this.statuses = statuses;
    }

    /** Empty when there is no such application or the caller may not see it: both look alike. */
    Optional<PublishedStatus> read(UUID id, Caller caller) {
        return statuses.find(id).filter(status -> caller.operator() || caller.owns(status.getPhoneIndex()));
    }
}
