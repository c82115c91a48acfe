package com.swiftlend.simulators;

import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;

/** A client that hands every status back to the test instead of throwing, since most tests assert on errors. */
public final class SimulatorHttp {

    private SimulatorHttp() {
    }

    public static RestClient client(int port) {
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }
}
