package org.consensusledger.web;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.Writer;

/**
 * Tomcat's own error report, as a problem response: what the server answers by itself, before or outside the
 * application (a request line or header it cannot parse, a malformed {@code %} escape, headers too large), is
 * {@code application/problem+json} like every other error of the ledger, instead of Tomcat's HTML page; or, for an
 * application with pages for people ({@link ErrorPages}), a plain HTML page on paths outside its APIs. It names no
 * server, version or stack trace, and echoes nothing of the request. A 4xx is logged in one line; what reached the
 * application was logged there.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    private static final Logger LOGGER = LoggerFactory.getLogger(ProblemErrorReportValve.class);

    private final boolean pagesOutsideApis;

    /** Problems on every path. */
    public ProblemErrorReportValve() {
        this(false);
    }

    /** With {@code pagesOutsideApis}, an HTML page on the paths that are not an API's. */
    public ProblemErrorReportValve(boolean pagesOutsideApis) {
        this.pagesOutsideApis = pagesOutsideApis;
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        String name = status == 400 ? "malformed-request" : ProblemTypes.name(status);
        String title = status == 400 ? "Malformed request" : ProblemTypes.title(status);
        if (status < 500) {
            LOGGER.info("{} {}: refused by the server before the application", status,
                        request.getMethod() == null ? "(request line not read)"
                                : LogSafe.of(request.getMethod() + " " + request.getRequestURI()));
        }
        boolean page = pagesOutsideApis && request.getRequestURI() != null && !ApiPaths.isApi(request.getRequestURI());
        try {
            response.setContentType(page ? "text/html" : "application/problem+json");
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(page ? page(title, ProblemTypes.detail(status))
                                  : ProblemTypes.json(status, name, title, ProblemTypes.detail(status)));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // The client is gone or the response cannot take a body any more: nothing left to tell it.
        }
    }

    /** A page for people; its texts are the valve's own, so nothing needs escaping. */
    private static String page(String title, String detail) {
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title + "</title>"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"></head>"
                + "<body><main><h1>" + title + "</h1><p>" + detail + "</p><p><a href=\"/\">Home</a></p></main>"
                + "</body></html>\n";
    }
}
