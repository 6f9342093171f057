package org.consensusledger.eventlog.spring;

import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerNode;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.mock.env.MockEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** How an instance is named ({@code ledger.node-id}), as an operator configures it. */
class LedgerNodeTest {

    @Test
    void theConfiguredNodeIdNamesThisInstance() {
        assertThat(node(Map.of("ledger.node-id", "query-side-a")).id()).isEqualTo("query-side-a");
    }

    @Test
    void withoutOneTheIdIsTheApplicationsNameThePidAndARandomPartNewAtEachStart() {
        String pid = String.valueOf(ProcessHandle.current().pid());

        assertThat(node(Map.of("spring.application.name", "query-side")).id())
                .matches("query-side-" + pid + "-[0-9a-f]{8}");
        assertThat(node(Map.of("ledger.node-id", " ")).id()).matches("ledger-" + pid + "-[0-9a-f]{8}");
        assertThat(node(Map.of()).id()).isNotEqualTo(node(Map.of()).id());
    }

    private static LedgerNode node(Map<String, String> properties) {
        MockEnvironment environment = new MockEnvironment();
        properties.forEach(environment::setProperty);
        NodeProperties bound = Binder.get(environment).bindOrCreate("ledger", NodeProperties.class);
        return new EventLogAutoConfiguration().ledgerNode(bound, environment);
    }
}
