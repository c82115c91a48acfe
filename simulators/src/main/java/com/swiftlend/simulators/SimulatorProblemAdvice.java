package com.swiftlend.simulators;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Renders every error from the simulators as RFC 9457 problem+json, the way real providers' APIs do.
 * Scoped to this module's controllers and ordered first so the host application's own advice,
 * whatever it renders, never changes what the platform sees from its "outside" parties.
 */
@RestControllerAdvice(basePackages = "com.swiftlend.simulators")
@Order(Ordered.HIGHEST_PRECEDENCE)
@ConditionalOnSimulatorsEnabled
class SimulatorProblemAdvice extends ResponseEntityExceptionHandler {
}
