package com.swiftlend.simulators;

import java.time.Duration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
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

    /** Like a product's partner client: it gives up on an answer that takes longer than readTimeout. */
    public static RestClient client(int port, Duration readTimeout) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory();
        requests.setReadTimeout(readTimeout);
        return RestClient.builder()
                .baseUrl("http://localhost:" + port)
                .requestFactory(requests)
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }
}
