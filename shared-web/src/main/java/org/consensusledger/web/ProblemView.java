package org.consensusledger.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.servlet.View;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A problem response as a view, so {@link ProblemErrorController} answers problems and pages the same way. */
final class ProblemView implements View {

    static final String PROBLEM_JSON = "application/problem+json";

    private final byte[] json;

    ProblemView(int status, String name, String title, String detail) {
        this.json = ProblemTypes.json(status, name, title, detail).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String getContentType() {
        return PROBLEM_JSON;
    }

    @Override
    public void render(Map<String, ?> model, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        response.setContentType(PROBLEM_JSON);
        response.setCharacterEncoding("UTF-8");
        response.setContentLength(json.length);
        response.getOutputStream().write(json);
    }
}
