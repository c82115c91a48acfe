package com.swiftlend;

import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Stands in for a platform-wide error handler in {@link EmbeddedSimulatorsTest}; ordered like Boot's
 * own ProblemDetailsExceptionHandler. Top-level because Spring Boot's test scanning skips classes
 * nested in test classes. Only contexts scanning all of com.swiftlend see it.
 */
@RestControllerAdvice
@Order(0)
class HostWideAdvice {

    @ExceptionHandler(Exception.class)
    ResponseEntity<String> anything(Exception e) {
        return ResponseEntity.status(HttpStatus.I_AM_A_TEAPOT).body("host handled it");
    }
}
