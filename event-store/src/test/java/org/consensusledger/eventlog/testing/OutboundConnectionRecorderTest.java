package org.consensusledger.eventlog.testing;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The recorder that proves "no call home" must itself see an attempt when there is one. */
class OutboundConnectionRecorderTest {

    @Test
    void anAttemptToReachAnotherHostIsRecordedAndRefusedBeforeAnythingIsSent() {
        try (OutboundConnectionRecorder recorder = OutboundConnectionRecorder.install()) {
            assertThatThrownBy(() -> InetAddress.getByName("updates.example.org"))
                    .isInstanceOf(SecurityException.class);
            assertThat(recorder.attempts()).singleElement().asString().startsWith("updates.example.org:-1 from ");
        }
    }

    @Test
    void loopbackIsAllowed() throws Exception {
        try (OutboundConnectionRecorder recorder = OutboundConnectionRecorder.install()) {
            InetAddress.getByName("localhost");
            InetAddress.getByName("127.0.0.1");
            assertThat(recorder.attempts()).isEmpty();
        }
    }
}
