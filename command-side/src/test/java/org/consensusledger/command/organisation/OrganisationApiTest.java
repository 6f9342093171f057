package org.consensusledger.command.organisation;

import org.consensusledger.command.web.ApiClient;
import org.consensusledger.command.web.CommandApiTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.consensusledger.command.web.ApiClient.fields;

class OrganisationApiTest extends CommandApiTest {

    @Test
    void registeringReturnsTheNewIdItsLocationAndVersion() {
        long before = storedEvents();

        ApiClient.Response response = api.post("/api/organisations", secretariat,
                                               fields("name", "Ministry of Digital Affairs",
                                                      "stakeholderGroup", "GOVERNMENT", "country", "FR"));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.header("Location")).isEqualTo("/api/organisations/" + response.id());
        assertThat(response.header("ETag")).isEqualTo("\"0\"");
        assertThat(response.json().path("version").asLong()).isZero();
        assertThat(storedEvents()).isEqualTo(before + 1);
    }

    @Test
    void aDelegateGets403AndNothingIsStored() {
        String organisation = organisation("Civic Tech Hub", "CIVIL_SOCIETY");
        long before = storedEvents();

        ApiClient.Response response = api.post("/api/organisations", delegateOf(organisation),
                                               fields("name", "Acme", "stakeholderGroup", "PRIVATE_SECTOR"));

        assertThat(response.status()).as(response.toString()).isEqualTo(403);
        assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(response.json().path("detail").asText()).startsWith("Only the secretariat registers");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void anUnknownStakeholderGroupIsRefusedNamingTheField() {
        long before = storedEvents();

        ApiClient.Response response = api.post("/api/organisations", secretariat,
                                               fields("name", "Acme", "stakeholderGroup", "LOBBY"));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.json().path("errors").get(0).path("field").asText()).isEqualTo("stakeholderGroup");
        assertThat(response.json().path("errors").get(0).path("message").asText()).contains("CIVIL_SOCIETY");
        assertThat(storedEvents()).isEqualTo(before);
    }
}
