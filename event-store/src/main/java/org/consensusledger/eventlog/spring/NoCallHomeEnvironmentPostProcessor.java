package org.consensusledger.eventlog.spring;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

/**
 * The ledger serves the public and never calls home: before anything of Axon starts, switch off its update checker
 * (the Spring property and the JVM-wide switch it reads first) and its AxonIQ Console advertisement. They are set
 * unconditionally, so no configuration can switch them back on. Each application also leaves Axon's update-checker
 * auto-configuration out altogether, so the checker is never even constructed.
 */
public class NoCallHomeEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

    static final String UPDATE_CHECKER_SWITCH = "axoniq.update-checker.disabled";
    static final String CONSOLE_MESSAGE_SWITCH = "disable-axoniq-console-message";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        System.setProperty(UPDATE_CHECKER_SWITCH, "true");
        System.setProperty(CONSOLE_MESSAGE_SWITCH, "true");
        environment.getPropertySources().addLast(new MapPropertySource("ledger-no-call-home", Map.of(
                "axon.update-check.disabled", "true")));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
