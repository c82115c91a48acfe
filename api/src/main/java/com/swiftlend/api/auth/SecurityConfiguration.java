package com.swiftlend.api.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import jakarta.servlet.DispatcherType;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.authentication.JwtGrantedAuthoritiesConverter;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may call what. Every endpoint is named here with its role; anything not named is denied,
 * so a new endpoint is closed until someone decides who may use it.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AuthProperties.class)
class SecurityConfiguration {

    /**
     * The simulators stand for outside parties on other machines: they are not ours to protect,
     * and on the embedded defaults their requests share the CPU with ours. Passing them through
     * the whole filter chain (with nothing to decide: they were permitted to all) cost more than
     * the simulators' own work under load, and that cost is not Swiftlend's (docs/benchmarks.md).
     */
    @Bean
    WebSecurityCustomizer outsidePartiesAreNotOurs() {
        return web -> web.ignoring().requestMatchers("/simulators/**");
    }

    /**
     * The strict firewall, its header rules checked without a regular expression; what it refuses
     * (a double slash, a path parameter, an encoded NUL) is a problem like every other bad request,
     * not a bare {@code 400} rendered by the container's error page.
     */
    @Bean
    WebSecurityCustomizer headersCheckedWithoutRegularExpressions(ObjectMapper json) {
        return web -> web.httpFirewall(HeaderCharacters.firewall())
                .requestRejectedHandler((request, response, rejected) -> problem(response, json, HttpStatus.BAD_REQUEST,
                        "The request's path or headers are malformed."));
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, ObjectMapper json, Environment environment, AuthProperties properties,
            BorrowerIdentities identities) throws Exception {
        if (TransportSecurity.offloaded(environment)) {
            // Behind a TLS-terminating proxy: a request that reached it over plain HTTP is sent to HTTPS.
            http.redirectToHttps(Customizer.withDefaults());
        }
        http.csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .cors(Customizer.withDefaults())
                .authorizeHttpRequests(requests -> requests
                        // A live stream's later dispatches belong to a request authorised when it opened.
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/error").permitAll()
                        .requestMatchers(HttpMethod.GET, "/admin/rules", "/admin/rules/**", "/admin/vendor/**")
                        .permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/otp", "/api/v1/auth/token").permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/sign-out").authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/v1/applications").hasRole(Roles.BORROWER)
                        .requestMatchers(HttpMethod.GET, "/api/v1/applications/*", "/api/v1/applications/*/events")
                        .hasAnyRole(Roles.BORROWER, Roles.OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/applications/*/approve",
                                "/api/v1/applications/*/reject").hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/channels").hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/channels/*/disable", "/api/v1/channels/*/enable")
                        .hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/ledger/trial-balance", "/api/v1/operations/payouts",
                                "/api/v1/operations/disbursements")
                        .hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/rulesets", "/api/v1/rulesets/*",
                                "/api/v1/rulesets/*/shadow-report")
                        .hasRole(Roles.RULE_EDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/rulesets", "/api/v1/rulesets/*/approve",
                                "/api/v1/rulesets/*/publish", "/api/v1/rulesets/*/backtest", "/api/v1/rulesets/*/challenger",
                                "/api/v1/rulesets/*/retire").hasRole(Roles.RULE_EDITOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/models", "/api/v1/models/*",
                                "/api/v1/models/*/shadow-report", "/api/v1/models/*/stability")
                        .hasRole(Roles.RULE_EDITOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/models", "/api/v1/models/*/champion",
                                "/api/v1/models/*/challenger", "/api/v1/models/*/retire").hasRole(Roles.RULE_EDITOR)
                        .requestMatchers(HttpMethod.GET, "/actuator/metrics", "/actuator/metrics/**")
                        .hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.GET, "/api/v1/applications/*/decision/explain")
                        .hasRole(Roles.OPERATOR)
                        .requestMatchers(HttpMethod.POST, "/api/v1/staff/*/disable", "/api/v1/staff/*/enable")
                        .hasRole(Roles.STAFF_ADMIN)
                        .requestMatchers(HttpMethod.OPTIONS, "/codec/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/codec/encode", "/codec/decode").hasRole(Roles.OPERATOR)
                        .anyRequest().denyAll())
                .oauth2ResourceServer(resourceServer -> resourceServer
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(principals(properties.issuer(), identities)))
                        .authenticationEntryPoint((request, response, e) ->
                                problem(response, json, HttpStatus.UNAUTHORIZED, "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) ->
                                problem(response, json, HttpStatus.FORBIDDEN, "This token's role may not do this.")))
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint((request, response, e) ->
                                problem(response, json, HttpStatus.UNAUTHORIZED, "A valid bearer token is required."))
                        .accessDeniedHandler((request, response, e) ->
                                problem(response, json, HttpStatus.FORBIDDEN, "This token's role may not do this.")));
        return http.build();
    }

    /**
     * Roles from the {@code roles} claim. Our tokens name the borrower themselves
     * ({@code borrower:<phone index>}); an identity provider's subject is looked up in
     * {@code borrower_identity} and the principal becomes that borrower, or a stranger who owns
     * no application ({@code external:<subject>}) when no borrower is linked to it.
     */
    private static Converter<Jwt, AbstractAuthenticationToken> principals(String ourIssuer,
            BorrowerIdentities identities) {
        JwtAuthenticationConverter roles = roles();
        return jwt -> {
            String issuer = jwt.getClaimAsString(JwtClaimNames.ISS);
            if (ourIssuer.equals(issuer)) {
                return roles.convert(jwt);
            }
            String subject = identities.phoneIndex(issuer, jwt.getSubject()).map(index -> "borrower:" + index)
                    .orElse("external:" + jwt.getSubject());
            return roles.convert(Jwt.withTokenValue(jwt.getTokenValue()).headers(h -> h.putAll(jwt.getHeaders()))
                    .claims(claims -> {
                        claims.putAll(jwt.getClaims());
                        claims.put(JwtClaimNames.SUB, subject);
                        claims.put("provider_subject", jwt.getSubject());
                    }).build());
        };
    }

    private static JwtAuthenticationConverter roles() {
        JwtGrantedAuthoritiesConverter authorities = new JwtGrantedAuthoritiesConverter();
        authorities.setAuthoritiesClaimName("roles");
        authorities.setAuthorityPrefix("ROLE_");
        JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
        converter.setJwtGrantedAuthoritiesConverter(authorities);
        return converter;
    }

    private static void problem(HttpServletResponse response, ObjectMapper json, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader("WWW-Authenticate", "Bearer");
        }
        json.writeValue(response.getOutputStream(), ProblemDetail.forStatusAndDetail(status, detail));
    }
}
