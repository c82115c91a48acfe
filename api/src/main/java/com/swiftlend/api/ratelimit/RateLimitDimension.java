package com.swiftlend.api.ratelimit;

/** Who a request is counted against. Each has its own bucket and its own limit in configuration. */
public enum RateLimitDimension {

    /** The address the request came from; every {@code /api/**} request counts. */
    CLIENT_IP("client-ip", "this client address"),
    /** The device id an application names; only submissions count. */
    DEVICE("device", "this device"),
    /** The applicant's ID number (the borrower until authentication arrives); only submissions count. */
    BORROWER("borrower", "this borrower"),
    /** The operator decoding Temporal payloads through the codec server: reading personal data in bulk. */
    DECODER("decoder", "decoding by this operator");

    private final String id;
    private final String description;

    RateLimitDimension(String id, String description) {
        this.id = id;
        this.description = description;
    }

    /** The name used in configuration, Redis keys and problem bodies. */
    public String id() {
        return id;
    }

    /** How a problem body names the dimension to a client, without naming the identifier. */
    String description() {
        return description;
    }
}
