/**
 * The published language of Consensus Ledger: one immutable record per event, grouped by the aggregate whose stream
 * it belongs to (a sealed interface per aggregate), and the value types they carry. Identifiers are strings (UUIDs
 * chosen by the ledger); organisations are named by id. No framework but Axon's {@code @Revision} appears here, so
 * an auditor can read stored events with nothing but these records and a JSON parser.
 */
package org.consensusledger.events;
