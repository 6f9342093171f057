package org.consensusledger.web;

import jakarta.servlet.http.HttpServletRequest;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The client a request comes from, as the rate limits count it: the connection's peer, unless that peer is a trusted
 * reverse proxy ({@code server.tomcat.remoteip.internal-proxies}, set from {@code LEDGER_TRUSTED_PROXIES}; none by
 * default), whose {@code X-Forwarded-For} then names the client. Tomcat's {@code RemoteIpValve} does that before the
 * application sees the request (both applications' {@code server.forward-headers-strategy: native}), so a client
 * cannot pick its own address by sending the header.
 *
 * <p>An IPv4 address counts on its own. An IPv6 address counts with its whole /64 network ({@code 2001:db8:0:1::/64}):
 * one subscriber or site is usually given at least a /64, and can use every address in it, so counting each address
 * alone would let a client start afresh with the next one. An IPv4 address written as IPv6 ({@code ::ffff:192.0.2.1})
 * counts as the IPv4 address.
 */
public final class ClientAddress {

    private static final int NETWORK_BYTES = 8;

    private ClientAddress() {
    }

    public static String of(HttpServletRequest request) {
        return of(request.getRemoteAddr());
    }

    /** The key of {@code address} (as the connection or the proxy gave it): itself, or its IPv6 /64 network. */
    static String of(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return address;
        }
        InetAddress parsed = ipv6Literal(address);
        if (parsed instanceof Inet4Address) {
            return parsed.getHostAddress();
        }
        if (!(parsed instanceof Inet6Address)) {
            return address;
        }
        byte[] bytes = parsed.getAddress();
        StringBuilder network = new StringBuilder();
        for (int i = 0; i < NETWORK_BYTES; i += 2) {
            network.append(Integer.toHexString((bytes[i] & 0xff) << 8 | bytes[i + 1] & 0xff)).append(':');
        }
        return network.append(":/64").toString();
    }

    /**
     * {@code address} parsed as an IPv6 literal (an IPv4-mapped one comes back as IPv4), without its zone
     * ({@code %eth0}) and brackets; null when it is not one. Only text that {@link InetAddress#getByName} must take as
     * an IPv6 literal is handed to it (it contains ':' and begins with a hex digit or ':'), so no name is ever looked
     * up.
     */
    private static InetAddress ipv6Literal(String address) {
        String literal = address.strip();
        if (literal.startsWith("[") && literal.endsWith("]")) {
            literal = literal.substring(1, literal.length() - 1);
        }
        int zone = literal.indexOf('%');
        if (zone >= 0) {
            literal = literal.substring(0, zone);
        }
        if (literal.isEmpty() || literal.indexOf(':') < 0
                || !(literal.charAt(0) == ':' || Character.digit(literal.charAt(0), 16) >= 0)
                || !literal.chars().allMatch(c -> c == ':' || c == '.' || Character.digit(c, 16) >= 0)) {
            return null;
        }
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException | RuntimeException e) {
            return null;
        }
    }
}
