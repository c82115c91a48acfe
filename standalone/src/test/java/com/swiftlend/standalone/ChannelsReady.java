package com.swiftlend.standalone;

import com.fasterxml.jackson.databind.JsonNode;
import com.swiftlend.workflows.channel.ChannelHealthChecks;

/**
 * Puts every payment channel in service before a test that pays out: a round of checks reports
 * each channel's balance (routing needs it), then, whatever start-up or an earlier test left (the
 * start-up round can run before the simulators answer), an operator vouches for every channel.
 */
final class ChannelsReady {

    private ChannelsReady() {
    }

    static void forPayouts(ChannelHealthChecks healthChecks, SystemClient client) throws Exception {
        healthChecks.checkChannels();
        for (JsonNode channel : client.get("/api/v1/channels").body()) {
            if (!"HEALTHY".equals(channel.get("state").asText())) {
                client.post("/api/v1/channels/" + channel.get("name").asText() + "/enable", "{}");
            }
        }
    }
}
