package com.swiftlend.api;

import java.net.URI;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error the API answers is an RFC 9457 problem. Validation problems name each bad field, so
 * a client can show the borrower what to fix without parsing prose.
 */
@RestControllerAdvice(basePackages = "com.swiftlend.api")
public class ApiProblems extends ResponseEntityExceptionHandler {

    static final URI INVALID_REQUEST = URI.create("https://swiftlend.dev/problems/invalid-request");

    /** One bad field: its JSON name and what is wrong with it. */
    public record FieldProblem(String field, String message) {
    }

    /** Thrown when a request is well-formed JSON but breaks the rules of the product. */
    public static class InvalidRequestException extends RuntimeException {

        private final List<FieldProblem> problems;

        public InvalidRequestException(List<FieldProblem> problems) {
            super(problems.size() + " invalid field(s)");
            this.problems = List.copyOf(problems);
        }
    }

    /** Thrown with the status and detail a client should see. */
    public static class ApiException extends RuntimeException {

        private final HttpStatus status;
        private final URI type;

        public ApiException(HttpStatus status, URI type, String detail) {
            super(detail);
            this.status = status;
            this.type = type;
        }
    }

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        return invalidFields(e.problems);
    }

    @ExceptionHandler(ApiException.class)
    ProblemDetail api(ApiException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(e.status, e.getMessage());
        problem.setType(e.type);
        return problem;
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = e.getBindingResult().getFieldErrors().stream()
                .map(error -> new FieldProblem(error.getField(), error.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(invalidFields(problems));
    }

    private static ProblemDetail invalidFields(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                "The request has invalid fields: " + problems.stream().map(FieldProblem::field).distinct()
                        .sorted().toList());
        problem.setType(INVALID_REQUEST);
        problem.setTitle("Invalid request");
        problem.setProperty("errors", problems);
        return problem;
    }
}
