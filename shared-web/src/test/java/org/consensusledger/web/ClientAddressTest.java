package org.consensusledger.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressTest {

    @Test
    void anIpv4AddressCountsOnItsOwn() {
        assertThat(ClientAddress.of("192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(ClientAddress.of("192.0.2.2")).isEqualTo("192.0.2.2");
    }

    @Test
    void everyAddressOfAnIpv6Slash64CountsAsOne() {
        String one = ClientAddress.of("2001:db8:0:1:0:0:0:1");
        assertThat(one).isEqualTo("2001:db8:0:1::/64");
        assertThat(ClientAddress.of("2001:db8:0:1:ffff:ffff:ffff:ffff")).isEqualTo(one);
        assertThat(ClientAddress.of("2001:DB8:0:1::abcd")).as("written another way").isEqualTo(one);
        assertThat(ClientAddress.of("[2001:db8:0:1::2]")).as("in brackets").isEqualTo(one);
        assertThat(ClientAddress.of("2001:db8:0:1::3%eth0")).as("with a zone").isEqualTo(one);
        assertThat(ClientAddress.of("2001:db8:0:2::1")).as("the next /64").isEqualTo("2001:db8:0:2::/64");
        assertThat(ClientAddress.of("0:0:0:0:0:0:0:1")).isEqualTo("0:0:0:0::/64");
    }

    @Test
    void anIpv4AddressWrittenAsIpv6CountsAsTheIpv4Address() {
        assertThat(ClientAddress.of("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
        assertThat(ClientAddress.of("0:0:0:0:0:ffff:c000:202")).isEqualTo("192.0.2.2");
    }

    @Test
    void whatIsNoAddressIsKeptAsItIsAndNeverLookedUp() {
        assertThat(ClientAddress.of("unknown")).isEqualTo("unknown");
        assertThat(ClientAddress.of("ledger.example.org:80")).isEqualTo("ledger.example.org:80");
        assertThat(ClientAddress.of("192.0.2.1:8080")).isEqualTo("192.0.2.1:8080");
        assertThat(ClientAddress.of("2001:db8::1::2")).isEqualTo("2001:db8::1::2");
    }
}
