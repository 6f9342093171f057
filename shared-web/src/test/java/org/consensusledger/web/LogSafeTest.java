package org.consensusledger.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSafeTest {

    @Test
    void controlCharactersAreEscapedSoNoLineCanBeForged() {
        assertThat(LogSafe.of("id\n12:00:00.000 INFO forged")).isEqualTo("id\\n12:00:00.000 INFO forged")
                                                              .doesNotContain("\n");
        assertThat(LogSafe.of("a\r\tb\u0007\u0085\u2028\u202E\uD800")).isEqualTo(
                "a\\r\\tb\\u0007\\u0085\\u2028\\u202e\\ud800");
        assertThat(LogSafe.of("C:\\n")).isEqualTo("C:\\\\n");
        assertThat(LogSafe.of("\uD83D\uDE00 é")).isEqualTo("\uD83D\uDE00 é");
        assertThat(LogSafe.of(null)).isEqualTo("null");
    }

    @Test
    void longValuesAreCut() {
        assertThat(LogSafe.of("x".repeat(10_000))).startsWith("x".repeat(LogSafe.MAX_LENGTH))
                                                  .endsWith("…(9700 more characters)");
    }
}
