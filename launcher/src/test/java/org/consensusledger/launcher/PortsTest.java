package org.consensusledger.launcher;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortsTest {

    @Test
    void namesATakenPortWhatItIsForAndTheOptionThatChangesIt() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> Ports.requireFree("127.0.0.1", port, "the query side's HTTP port",
                                                       "--query-port"))
                    .isInstanceOf(Ports.InUse.class)
                    .hasMessageContaining("Port " + port + " on 127.0.0.1 (the query side's HTTP port) is in use by "
                                                  + "another process")
                    .hasMessageContaining("--query-port <port>");
        }
    }

    @Test
    void passesAFreePort() throws Exception {
        int port = LedgerProcess.freePort();

        assertThatCode(() -> Ports.requireFree("127.0.0.1", port, "the command side's HTTP port", "--command-port"))
                .doesNotThrowAnyException();
    }
}
