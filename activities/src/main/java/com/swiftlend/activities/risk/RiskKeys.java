package com.swiftlend.activities.risk;

import com.swiftlend.protection.index.BlindIndex;
import org.springframework.stereotype.Component;

/**
 * Redis keys of the real-time risk signals. Identifiers appear only as blind indexes (keyed
 * HMAC), so Redis holds no ID number or address in the clear, nor a plain hash of one, which
 * enumeration of the few billion plausible ID numbers would reverse.
 */
@Component
class RiskKeys {

    private final BlindIndex blindIndex;

    RiskKeys(BlindIndex blindIndex) {
        this.blindIndex = blindIndex;
    }

    String device(String deviceId) {
        return "risk:device:" + blindIndex.of(BlindIndex.DEVICE, deviceId) + ":applicants";
    }

    String address(String clientIp) {
        return "risk:ip:" + blindIndex.of(BlindIndex.CLIENT_IP, clientIp) + ":applications";
    }

    String applicant(String idNumber) {
        return "risk:applicant:" + applicantIndex(idNumber) + ":applications";
    }

    /** The applicant as a member of a device's set of applicants. */
    String applicantIndex(String idNumber) {
        return blindIndex.of(BlindIndex.ID_NUMBER, idNumber);
    }
}
