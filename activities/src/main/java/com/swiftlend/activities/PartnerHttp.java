package com.swiftlend.activities;

import com.swiftlend.workflows.Failures;
import io.temporal.failure.ApplicationFailure;
import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * How we talk to every outside party over HTTP: one client per party with that party's own
 * timeouts, and one reading of its errors. A 4xx means our request is wrong and retrying cannot
 * help; a 5xx or an I/O error is the party's trouble and Temporal retries it.
 */
public final class PartnerHttp {

    private PartnerHttp() {
    }

    public static RestClient client(RestClient.Builder builder, String baseUrl, Duration connectTimeout,
            Duration readTimeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(connectTimeout).build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(http);
        requests.setReadTimeout(readTimeout);
        return builder.clone()
                .baseUrl(baseUrl)
                .requestFactory(requests)
                .defaultStatusHandler(HttpStatusCode::is4xxClientError, (request, response) -> {
                    throw ApplicationFailure.newNonRetryableFailure(
                            request.getMethod() + " " + request.getURI().getPath() + " answered "
                                    + response.getStatusCode().value(),
                            Failures.INVALID_INPUT.name());
                })
                .build();
    }
}
