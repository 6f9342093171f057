package org.consensusledger.eventlog.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Which running instance this is ({@code ledger.node-id}), as it claims event-processing segments and idempotency
 * keys.
 *
 * @param nodeId this instance's id; none (the default) or blank: the application's name, the process id and a random
 *               part, new at each start (see {@link EventLogAutoConfiguration.LedgerNode})
 */
@ConfigurationProperties("ledger")
record NodeProperties(String nodeId) {
}
