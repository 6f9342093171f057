package org.consensusledger.eventlog.spring;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * The applications' log ({@code ledger.logging.*}).
 *
 * @param repeatsWindow how often the count of a repeated warning or error is written in place of each repeat
 *                      ({@link RepeatedLogLines}); {@code 0} writes every repeat
 */
@ConfigurationProperties("ledger.logging")
public record LoggingProperties(@DefaultValue("1m") Duration repeatsWindow) {
}
