package org.consensusledger.web;

import org.springframework.web.servlet.ModelAndView;

/**
 * The error pages of an application's pages for people (the query side's public site): when one is defined, errors
 * on paths outside the APIs (not under {@code /api}, {@code /actuator}, {@code /v3} or {@code /swagger-ui}) that
 * reach Spring's {@code /error} are shown with it instead of as a problem response, and Tomcat's own refusals there
 * are a plain HTML page.
 */
public interface ErrorPages {

    /** The page saying {@code message}, to be answered with {@code status}. */
    ModelAndView page(int status, String message);
}
