package org.consensusledger.launcher;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's data directory is its owner's alone, whether it creates it or finds it open to others. */
class DataDirectoryTest {

    @Test
    void aNewDataDirectoryIsCreatedOwnerOnly(@TempDir Path directory) throws Exception {
        Path data = DataDirectory.ownerOnly(directory.resolve("ledger").resolve("data"));

        assertThat(modeOf(data)).isEqualTo("rwx------");
    }

    @Test
    void anExistingDataDirectoryOpenToOthersIsTightened(@TempDir Path directory) throws Exception {
        Path data = Files.createDirectory(directory.resolve("data"));
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(data.resolve("kept"), "the ledger's data");

        Logger logger = (Logger) LoggerFactory.getLogger(DataDirectory.class);
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        logger.addAppender(log);
        try {
            DataDirectory.ownerOnly(data);
            DataDirectory.ownerOnly(data);
        } finally {
            logger.detachAppender(log);
        }

        assertThat(modeOf(data)).isEqualTo("rwx------");
        assertThat(Files.readString(data.resolve("kept"))).isEqualTo("the ledger's data");
        assertThat(log.list).singleElement().extracting(ILoggingEvent::getFormattedMessage).asString()
                            .contains(data.toAbsolutePath() + " was rwxr-xr-x").contains("owner's alone");
    }

    private static String modeOf(Path path) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    }
}
