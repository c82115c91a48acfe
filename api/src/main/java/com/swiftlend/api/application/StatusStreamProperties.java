package com.swiftlend.api.application;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Live status streams ({@code GET /api/v1/applications/{id}/events}).
 *
 * @param timeout how long one stream stays open; the client reconnects with Last-Event-ID and
 *     misses nothing, so this only bounds what an abandoned connection holds
 * @param recheckInterval how often an open stream reads its application even without an
 *     announcement, so a lost pub/sub message only delays an event, never loses it; it also
 *     sends a comment line then, which keeps proxies from closing an idle stream
 * @param maxOpen open streams per API replica; beyond that a client is told to poll instead
 * @param senders threads that read the database and write events for all streams of a replica
 */
@ConfigurationProperties("swiftlend.status-streams")
public record StatusStreamProperties(
        @DefaultValue("10m") Duration timeout,
        @DefaultValue("5s") Duration recheckInterval,
        @DefaultValue("10000") int maxOpen,
        @DefaultValue("4") int senders) {
}
