package org.consensusledger.web;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

import java.util.Map;

/**
 * Health details and Prometheus are served only on a management port of their own ({@code management.server.port},
 * which the launcher and the docker set-up bind to the loopback or leave unpublished): when the actuator has such a
 * port, this turns on {@code management.endpoint.health.show-details=always} and exposes {@code prometheus} beside
 * {@code health}; without one (a plain {@code java -jar}) Spring Boot's defaults stay, so the public port shows the
 * bare health status and no metrics. One property, {@code management.server.port}, decides it: properties that had to
 * be set together with it in every place that runs the applications could be forgotten, and a forgotten one would
 * either hide the metrics or publish the details.
 *
 * <p>These are defaults, the last property source: a setting given explicitly (command line, environment,
 * {@code application.yml}) still wins.
 */
public class ManagementPortExposure implements EnvironmentPostProcessor, Ordered {

    static final String SOURCE = "ledger-management-port-exposure";
    static final Map<String, Object> ON_THE_MANAGEMENT_PORT = Map.of(
            "management.endpoint.health.show-details", "always",
            "management.endpoints.web.exposure.include", "health,prometheus");

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (separateManagementPort(environment)) {
            environment.getPropertySources().addLast(new MapPropertySource(SOURCE, ON_THE_MANAGEMENT_PORT));
        }
    }

    /** Spring Boot's own rule: a management port that is set, not negative, and not the server's own. */
    static boolean separateManagementPort(ConfigurableEnvironment environment) {
        return ClassUtils.isPresent("org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType",
                                    ManagementPortExposure.class.getClassLoader())
                && ManagementPortType.get(environment) == ManagementPortType.DIFFERENT;
    }

    @Override
    public int getOrder() {
        // After the configuration files and the command line have been read.
        return Ordered.LOWEST_PRECEDENCE;
    }
}
