package org.consensusledger.web;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ManagementPortExposureTest {

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("given", properties));
        new ManagementPortExposure().postProcessEnvironment(environment, new SpringApplication());
        return environment;
    }

    @Test
    void withoutAManagementPortTheDefaultsStay() {
        StandardEnvironment environment = environment(Map.of("server.port", "8082"));

        assertThat(environment.getProperty("management.endpoint.health.show-details")).isNull();
        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isNull();
    }

    @Test
    void aManagementPortOfItsOwnShowsTheDetailsAndThePrometheusEndpointThere() {
        for (String port : new String[] {"9082", "0"}) {
            StandardEnvironment environment = environment(Map.of("server.port", "8082",
                                                                 "management.server.port", port));

            assertThat(environment.getProperty("management.endpoint.health.show-details"))
                    .as(port).isEqualTo("always");
            assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                    .as(port).isEqualTo("health,prometheus");
        }
    }

    @Test
    void theServersOwnPortOrADisabledOneIsNoManagementPort() {
        for (String port : new String[] {"8082", "-1"}) {
            StandardEnvironment environment = environment(Map.of("server.port", "8082",
                                                                 "management.server.port", port));

            assertThat(environment.getProperty("management.endpoint.health.show-details")).as(port).isNull();
        }
    }

    @Test
    void anExplicitSettingWins() {
        StandardEnvironment environment = environment(Map.of("management.server.port", "9082",
                                                             "management.endpoint.health.show-details", "never"));

        assertThat(environment.getProperty("management.endpoint.health.show-details")).isEqualTo("never");
        assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
                .isEqualTo("health,prometheus");
    }
}
