package com.swiftlend.api.codec;

import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.CorsRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Temporal UI calls the codec from the operator's browser, on its own origin: only that
 * origin may, with the headers the UI sends.
 */
@Configuration(proxyBeanMethods = false)
class CodecCorsConfiguration implements WebMvcConfigurer {

    private final List<String> allowedOrigins;

    CodecCorsConfiguration(@Value("${swiftlend.codec.allowed-origins:http://localhost:8088}") List<String> allowedOrigins) {
        this.allowedOrigins = allowedOrigins;
    }

    @Override
    public void addCorsMappings(CorsRegistry registry) {
        registry.addMapping("/codec/**")
                .allowedOrigins(allowedOrigins.toArray(String[]::new))
                .allowedMethods("POST", "OPTIONS")
                .allowedHeaders("Content-Type", "Authorization", "X-Namespace")
                .allowCredentials(true)
                .maxAge(3600);
    }
}
