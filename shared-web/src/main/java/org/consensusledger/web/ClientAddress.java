package org.consensusledger.web;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The address of the client a request comes from, which the rate limits count by: the connection's peer, unless that
 * peer is a trusted reverse proxy ({@code server.tomcat.remoteip.internal-proxies}, set from
 * {@code LEDGER_TRUSTED_PROXIES}; none by default), whose {@code X-Forwarded-For} then names the client. Tomcat's
 * {@code RemoteIpValve} does that before the application sees the request (both applications'
 * {@code server.forward-headers-strategy: native}), so a client cannot pick its own address by sending the header.
 */
public final class ClientAddress {

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return request.getRemoteAddr();
    }
}
