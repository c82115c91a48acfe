package com.swiftlend.protection.index;

import com.swiftlend.protection.keys.DataKeys;
import com.swiftlend.protection.keys.KeyPurpose;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;

/**
 * Equality lookups on personal identifiers without storing them: HMAC-SHA-256 under the
 * BLIND_INDEX data key of {@code kind:value}, in hex. A plain hash would not do: a PRC ID number
 * has about 10^9 plausible values (region, birth date, sequence) and a mobile number 10^11, so a
 * SHA-256 of either is reversed by enumeration in minutes; the keyed HMAC cannot be computed
 * without the key. The kind is part of the input, so equal strings of two kinds index apart.
 *
 * <p>The key is never rotated (see {@code DataKeyRing.rotate}): an index is only findable under
 * the key it was computed with.
 */
public class BlindIndex {

    public static final String ID_NUMBER = "id_number";
    public static final String PHONE = "phone";
    public static final String DEVICE = "device";
    public static final String CLIENT_IP = "client_ip";
    /** The canonical body of an API request, for its idempotency fingerprint. */
    public static final String REQUEST = "request";

    private final DataKeys keys;

    public BlindIndex(DataKeys keys) {
        this.keys = keys;
    }

    /** The index of a value, or null for null. */
    public String of(String kind, String value) {
        if (value == null) {
            return null;
        }
        String normal = value.strip();
        if (ID_NUMBER.equals(kind)) {
            // The check character X of a resident ID is written either case (GB 11643-1999).
            normal = normal.toUpperCase(Locale.ROOT);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(keys.active(KeyPurpose.BLIND_INDEX).key());
            return HexFormat.of().formatHex(mac.doFinal((kind + ":" + normal).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required of every JVM", e);
        }
    }
}
