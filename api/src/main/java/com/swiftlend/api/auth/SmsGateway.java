package com.swiftlend.api.auth;

import java.net.http.HttpClient;
import java.time.Duration;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Sends sign-in codes. The API sends them itself rather than through a workflow: a code is useful
 * for minutes, is not part of any application, and the borrower is waiting for it.
 */
@Component
class SmsGateway {

    private final RestClient http;

    SmsGateway(RestClient.Builder builder, AuthProperties properties) {
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build());
        requests.setReadTimeout(Duration.ofSeconds(5));
        this.http = builder.clone().baseUrl(properties.smsBaseUrl()).requestFactory(requests).build();
    }

    void send(String phone, String text) {
        http.post().uri("/messages").body(new Message(phone, text)).retrieve().toBodilessEntity();
    }

    record Message(String phone, String text) {
    }
}
