package com.swiftlend.activities.notification;

import com.swiftlend.activities.PartnerHttp;
import com.swiftlend.workflows.notification.BorrowerNotifications;
import com.swiftlend.workflows.notification.Notice;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/** Tells borrowers by SMS. Texts carry no personal data beyond what the borrower already knows. */
@Component
class SmsNotifications implements BorrowerNotifications {

    private final RestClient http;

    SmsNotifications(RestClient.Builder builder, NotificationProperties properties) {
        this.http = PartnerHttp.client(builder, properties.baseUrl(), properties.connectTimeout(),
                properties.readTimeout());
    }

    @Override
    public void notifyBorrower(Notice notice) {
        http.post().uri("/messages").body(new Message(notice.phone(), text(notice))).retrieve().toBodilessEntity();
    }

    static String text(Notice notice) {
        String reference = notice.applicationId().substring(0, 8);
        return switch (notice.kind()) {
            case DISBURSED -> "Swiftlend: your loan " + reference + " is approved and " + notice.amount().toPlainString()
                    + " CNY is on its way to your card.";
            case REJECTED -> "Swiftlend: we cannot offer you a loan for application " + reference + " at this time.";
            case MANUAL_REVIEW -> "Swiftlend: application " + reference
                    + " needs a quick check by our team; we will reply within 24 hours.";
            case DISBURSEMENT_FAILED -> "Swiftlend: your loan " + reference
                    + " is approved but the transfer failed; our team will contact you.";
        };
    }

    record Message(String phone, String text) {
    }
}
