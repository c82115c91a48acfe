package com.swiftlend.api.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RateLimitProperties.class)
class RateLimitConfiguration {

    /**
     * After Spring's ForwardedHeaderFilter (highest precedence), which puts a proxied client's
     * address in place when {@code server.forward-headers-strategy=framework}, and before any
     * security filter (-100), so attempts to authenticate are counted too.
     */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    /**
     * Only {@code /api/*}: the simulators stand for outside parties, and health checks, metrics
     * and the API docs must keep answering however busy an address is.
     */
    @Bean
    FilterRegistrationBean<ClientIpRateLimitFilter> clientIpRateLimitFilter(RateLimiter limiter, ObjectMapper json) {
        FilterRegistrationBean<ClientIpRateLimitFilter> registration =
                new FilterRegistrationBean<>(new ClientIpRateLimitFilter(limiter, json));
        registration.addUrlPatterns("/api/*");
        registration.setOrder(ORDER);
        registration.setName("clientIpRateLimitFilter");
        return registration;
    }
}
