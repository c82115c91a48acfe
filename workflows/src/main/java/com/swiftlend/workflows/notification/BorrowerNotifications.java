package com.swiftlend.workflows.notification;

import io.temporal.activity.ActivityInterface;

/** Tells the borrower what happened to their application. */
@ActivityInterface
public interface BorrowerNotifications {

    void notifyBorrower(Notice notice);
}
