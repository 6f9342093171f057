package org.consensusledger.query.witness;

import org.consensusledger.query.audit.AuditProperties;
import org.consensusledger.tlog.Cosignature;
import org.consensusledger.tlog.KeyText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The witness's cosigner key: created owner-only beside the checkpoint key, named after the origin, kept private. */
class WitnessKeyTest {

    @TempDir
    Path directory;

    private AuditProperties audit() {
        return new AuditProperties(URI.create("http://localhost:8082"), "ledger.example/log",
                                   directory.resolve("keys/checkpoint-signing.key"), Duration.ofSeconds(10), 1000,
                                   Duration.ofMillis(50), Duration.ofHours(1));
    }

    @Test
    void isCreatedOwnerOnlyBesideTheCheckpointKeyAndNamedAfterTheOrigin() throws Exception {
        WitnessKey key = new WitnessKey(new WitnessProperties(List.of(), null, null), audit());
        Cosignature.CosignerKey vkey = Cosignature.CosignerKey.parse(key.vkey());
        assertThat(vkey.name()).isEqualTo("ledger.example/log");

        Path file = directory.resolve("keys/witness-signing.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        KeyText.SignerKey stored = KeyText.parseSignerKey(Files.readString(file).strip());
        assertThat(new Cosignature.Signer(stored).key()).isEqualTo(vkey);
        assertThat(new WitnessKey(new WitnessProperties(List.of(), null, null), audit()).vkey())
                .as("read again, not made anew").isEqualTo(key.vkey());
    }

    @Test
    void aKeyOthersCanReadOrAnotherNameIsRefused() throws Exception {
        Path file = directory.resolve("witness.key");
        Files.writeString(file, KeyText.generate("someone.else/witness").format() + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        WitnessProperties properties = new WitnessProperties(List.of(), file, "ledger.example/witness");
        assertThatThrownBy(() -> new WitnessKey(properties, audit()).vkey())
                .hasMessageContaining("can be read or changed by other users").hasMessageContaining("chmod 600");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> new WitnessKey(properties, audit()).vkey())
                .hasMessageContaining("is named 'someone.else/witness', but the witness's name is "
                                              + "'ledger.example/witness'");
    }
}
