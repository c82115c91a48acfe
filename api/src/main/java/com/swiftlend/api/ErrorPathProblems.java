package com.swiftlend.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error path ({@code /error}), where the container sends every error that no controller
 * answered: a request refused before a handler was chosen (an unsupported {@code Content-Type},
 * an {@code Accept} no handler can meet), or a {@code sendError} from a filter. Spring Boot's own
 * answers there are its error JSON or a "Whitelabel" HTML page; this one is always a problem. It
 * writes the body itself rather than through content negotiation, which is what failed for a
 * request that accepts only {@code text/html}. Found by {@code FuzzTest}.
 */
@RestController
@Hidden
class ErrorPathProblems implements ErrorController {

    private final ObjectMapper json;

    ErrorPathProblems(ObjectMapper json) {
        this.json = json;
    }

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // Asked for directly, not sent here by the container: there is nothing at this path.
        int status = code == null ? 404 : code instanceof Integer value && value >= 400 ? value : 500;
        HttpStatus known = HttpStatus.resolve(status);
        ProblemDetail problem = ProblemDetail.forStatus(status);
        problem.setTitle(known == null ? "Error" : known.getReasonPhrase());
        // Fixed text: an exception's message may quote the request, which may carry personal data.
        problem.setDetail(switch (status) {
            case 404 -> "Nothing is here.";
            case 405 -> "This method is not allowed here.";
            case 406 -> "The answer can only be JSON (application/json or application/problem+json).";
            case 415 -> "The request body must be application/json.";
            default -> status < 500 ? "The request was refused." : "The server could not handle the request.";
        });
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), problem);
    }
}
