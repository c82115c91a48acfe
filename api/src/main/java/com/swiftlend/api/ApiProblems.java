package com.swiftlend.api;

import java.net.URI;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import java.util.ArrayList;
import java.util.List;
import org.springframework.core.MethodParameter;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
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

    /**
     * A header, path variable or parameter that breaks its constraint (an Idempotency-Key over 128
     * characters): named as the client sent it, not as the Java parameter is called.
     */
    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> problems = new ArrayList<>();
        for (ParameterValidationResult result : e.getParameterValidationResults()) {
            String name = httpName(result.getMethodParameter());
            result.getResolvableErrors().forEach(error -> problems.add(new FieldProblem(name,
                    error.getDefaultMessage())));
        }
        return ResponseEntity.badRequest().body(invalidFields(problems));
    }

    /** Method validation of a bean proxied with {@code @Validated}: the last node names the parameter. */
    @ExceptionHandler(ConstraintViolationException.class)
    ProblemDetail constraintViolation(ConstraintViolationException e) {
        List<FieldProblem> problems = e.getConstraintViolations().stream()
                .map(violation -> {
                    String field = null;
                    for (Path.Node node : violation.getPropertyPath()) {
                        field = node.getName();
                    }
                    return new FieldProblem(field, violation.getMessage());
                })
                .toList();
        return invalidFields(problems);
    }

    /**
     * A body that is not JSON, or a field of the wrong type ({@code "amount": "abc"}): the field is
     * named by its path, so the client knows what to fix.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        if (e.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(reference -> reference.getFieldName() != null ? reference.getFieldName()
                            : "[" + reference.getIndex() + "]")
                    .reduce((a, b) -> b.startsWith("[") ? a + b : a + "." + b)
                    .orElse("body");
            String expected = mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null
                    ? "must be " + readable(mismatch.getTargetType())
                    : "has a value of the wrong type";
            return ResponseEntity.badRequest().body(invalidFields(List.of(new FieldProblem(field, expected))));
        }
        return ResponseEntity.badRequest().body(invalidFields(List.of(new FieldProblem("body",
                "must be a JSON object"))));
    }

    private static String readable(Class<?> type) {
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a valid " + type.getSimpleName();
    }

    private static String httpName(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        if (header != null && !header.name().isEmpty()) {
            return header.name();
        }
        if (header != null && !header.value().isEmpty()) {
            return header.value();
        }
        String name = parameter.getParameterName();
        return name == null ? "parameter " + parameter.getParameterIndex() : name;
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
