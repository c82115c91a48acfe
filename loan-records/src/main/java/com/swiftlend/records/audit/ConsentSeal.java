package com.swiftlend.records.audit;

import com.swiftlend.protection.field.FieldCell;
import com.swiftlend.protection.field.FieldEncryption;
import com.swiftlend.protection.index.BlindIndex;
import com.swiftlend.workflows.application.Applicant;
import java.time.Instant;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The consent record's evidence of where it was given, sealed: the device and address
 * blind-indexed and encrypted, each ciphertext bound to this consent's cell of the trail. The
 * re-encryption job never rewrites them (the chain's hashes cover them): they stay under the FIELD
 * key version they were written with, which the key ring keeps.
 */
@Component
public class ConsentSeal {

    public static final String DEVICE_ID = "consent_device_id";
    public static final String CLIENT_IP = "consent_client_ip";
    private static final String TABLE = "audit_record";

    private final FieldEncryption encryption;
    private final BlindIndex blindIndex;

    ConsentSeal(FieldEncryption encryption, BlindIndex blindIndex) {
        this.encryption = encryption;
        this.blindIndex = blindIndex;
    }

    /** The consent of an application's applicant, as the trail keeps it. */
    public AuditEvent.Consent consent(UUID applicationId, String termsVersion, Instant shownAt, boolean accepted,
            Instant acceptedAt, Applicant applicant) {
        return new AuditEvent.Consent(applicationId, termsVersion, shownAt, accepted, acceptedAt,
                blindIndex.of(BlindIndex.DEVICE, applicant.deviceId()),
                encryption.encrypt(applicant.deviceId(), cell(applicationId, DEVICE_ID)),
                blindIndex.of(BlindIndex.CLIENT_IP, applicant.clientIp()),
                encryption.encrypt(applicant.clientIp(), cell(applicationId, CLIENT_IP)));
    }

    /**
     * A sealed value of an application's consent, in clear: for evidence in a dispute.
     *
     * @param field {@link #DEVICE_ID} or {@link #CLIENT_IP}
     */
    public String open(UUID applicationId, String sealed, String field) {
        return encryption.decrypt(sealed, cell(applicationId, field));
    }

    private static FieldCell cell(UUID applicationId, String field) {
        // An application has one consent record, so its id names the record's cell.
        return FieldCell.of(TABLE, field, applicationId);
    }
}
