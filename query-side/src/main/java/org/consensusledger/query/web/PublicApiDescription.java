package org.consensusledger.query.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** What the query side's OpenAPI description says of the API as a whole. */
@Configuration(proxyBeanMethods = false)
class PublicApiDescription {

    @Bean
    OpenAPI publicApi() {
        return new OpenAPI().info(new Info()
                .title("Consensus Ledger public audit trail").version("1")
                .description("What multi-stakeholder bodies decided by rough consensus, and how: read by anyone, "
                        + "no account needed. Errors are RFC 9457 problem responses. While a read model is "
                        + "stopped at an event it could not take in, every /api/ response carries the header "
                        + "Public-Record-Behind-Since: <position> — the events of the log from that position on "
                        + "are missing from what this API shows. GET /api/audit/self-check says whether what it "
                        + "shows equals what the log says. Expensive queries (asOf, q, the open-data exports, "
                        + "/api/audit/events without a limit of at most 1000) are limited per client address: "
                        + "beyond the limit, 429 too-many-requests with Retry-After (seconds). Reads go on while "
                        + "the ledger's database cannot store anything (its disk is full); the administration's "
                        + "requests that store something are then answered 503 storage-unavailable with "
                        + "Retry-After (seconds), nothing recorded."));
    }
}
