package org.consensusledger.web;

/**
 * Which paths belong to an API (the JSON APIs, their descriptions, the actuator), where every error is a problem
 * response, and which are pages for people.
 */
final class ApiPaths {

    private ApiPaths() {
    }

    /** True for {@code /api/**}, {@code /actuator/**}, {@code /v3/**}, {@code /swagger-ui/**}, and an unknown path. */
    static boolean isApi(String path) {
        return path == null || path.equals("/api") || path.startsWith("/api/") || path.equals("/actuator")
                || path.startsWith("/actuator/") || path.startsWith("/v3/") || path.startsWith("/swagger-ui");
    }
}
