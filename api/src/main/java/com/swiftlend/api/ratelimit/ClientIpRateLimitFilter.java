package com.swiftlend.api.ratelimit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.swiftlend.api.ratelimit.RateLimiter.RateLimitedException;
import com.swiftlend.api.ratelimit.RateLimiter.RateLimiterUnavailableException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Counts every API request against its client address before anything else spends work on it.
 *
 * <p>The address is {@code request.getRemoteAddr()}. Behind a load balancer or reverse proxy that
 * is the proxy's address, which would put every client in one bucket; set
 * {@code server.forward-headers-strategy} ({@code native} or {@code framework}) and, for
 * {@code native}, {@code server.tomcat.remoteip.internal-proxies} to the proxies' addresses, so
 * the container puts the client's address there from the headers only trusted proxies may set.
 * This filter never reads X-Forwarded-For itself: anyone can send that header.
 */
final class ClientIpRateLimitFilter extends OncePerRequestFilter {

    private final RateLimiter limiter;
    private final ObjectMapper json;

    ClientIpRateLimitFilter(RateLimiter limiter, ObjectMapper json) {
        this.limiter = limiter;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        RateLimitProblems.Refusal refusal = check(request);
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        try {
            refusal.body().setInstance(URI.create(request.getRequestURI()));
        } catch (IllegalArgumentException e) {
            // A path the container let through but java.net.URI refuses: the problem goes without it.
        }
        response.setStatus(refusal.status().value());
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(refusal.retryAfterSeconds()));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), refusal.body());
    }

    /** The refusal to answer, or null when the request may go on. */
    private RateLimitProblems.Refusal check(HttpServletRequest request) {
        try {
            limiter.check(RateLimitDimension.CLIENT_IP, BucketKeys.client(request.getRemoteAddr()));
            return null;
        } catch (RateLimitedException e) {
            return RateLimitProblems.refusal(e);
        } catch (RateLimiterUnavailableException e) {
            return RateLimitProblems.refusal(e);
        }
    }
}
