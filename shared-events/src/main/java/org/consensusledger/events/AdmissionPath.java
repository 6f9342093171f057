package org.consensusledger.events;

/**
 * Why a member was admitted: on its own or a member's request with no approval step (civil society and
 * private sector, rule 3 of the terms of reference), by a co-chair, or by the secretariat.
 */
public enum AdmissionPath {
    ON_REQUEST,
    BY_CO_CHAIR,
    BY_SECRETARIAT
}
