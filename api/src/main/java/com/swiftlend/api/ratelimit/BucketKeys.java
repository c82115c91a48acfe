package com.swiftlend.api.ratelimit;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Names a bucket in Redis. ID numbers, device ids and addresses are personal data, so a key never
 * holds one in the clear: this is the one place an identifier is turned into a key.
 */
final class BucketKeys {

    private BucketKeys() {
    }

    static String of(RateLimitDimension dimension, String identifier) {
        return "rate:" + dimension.id() + ":" + pseudonym(dimension, normal(dimension, identifier));
    }

    /**
     * One person, one bucket: the validator accepts an ID number's check character X in either
     * case, so without this a borrower would get a second bucket by writing it lower case.
     */
    private static String normal(RateLimitDimension dimension, String identifier) {
        String stripped = identifier.strip();
        return dimension == RateLimitDimension.BORROWER ? stripped.toUpperCase(Locale.ROOT) : stripped;
    }

    /**
     * Plain SHA-256 for now. An ID number has so few plausible values that its SHA-256 is
     * reversed by trying them all, so this is to become the keyed blind index
     * ({@code com.swiftlend.protection.index.BlindIndex#of(kind, value)}, kinds CLIENT_IP, DEVICE
     * and ID_NUMBER) once the API depends on it. Switching starts every bucket full once.
     */
    private static String pseudonym(RateLimitDimension dimension, String identifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(identifier.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /**
     * The client an address stands for. An IPv6 subscriber is normally given a whole /64, so
     * counting single IPv6 addresses would let one client rotate through 2^64 buckets.
     */
    static String client(String remoteAddress) {
        if (remoteAddress.indexOf(':') < 0) {
            return remoteAddress;
        }
        try {
            InetAddress address = InetAddress.getByName(remoteAddress);
            if (address instanceof Inet4Address) {
                // An IPv4-mapped IPv6 address (::ffff:a.b.c.d) is the IPv4 client it maps.
                return address.getHostAddress();
            }
            return HexFormat.of().formatHex(address.getAddress(), 0, 8) + "::/64";
        } catch (UnknownHostException e) {
            // A servlet container's remote address is always a literal; never resolve a name here.
            return remoteAddress;
        }
    }
}
