package org.consensusledger.command.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Tunables of the command API ({@code ledger.api.*}).
 *
 * @param maxRequestSize the largest request body accepted; larger ones get 413 before anything is read
 */
@ConfigurationProperties("ledger.api")
record ApiProperties(@DefaultValue("512KB") DataSize maxRequestSize) {
}
