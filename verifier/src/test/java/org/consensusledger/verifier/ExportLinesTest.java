package org.consensusledger.verifier;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The export's lines, split from its bytes however they arrive. */
class ExportLinesTest {

    @Test
    void linesAreSplitAtNewlinesWhateverTheReadsAndTheLastNeedsNone() throws IOException {
        String text = "{\"a\":1}\n{\"b\":\"é\"}\r\n\n{\"c\":3}";
        assertThat(lines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))))
                .containsExactly("{\"a\":1}", "{\"b\":\"é\"}\r", "", "{\"c\":3}");
        assertThat(lines(oneByteAtATime(text))).containsExactly("{\"a\":1}", "{\"b\":\"é\"}\r", "", "{\"c\":3}");
        assertThat(lines(oneByteAtATime("{}\n"))).containsExactly("{}");
        assertThat(lines(new ByteArrayInputStream(new byte[0]))).isEmpty();
    }

    @Test
    void aLineLongerThanTheBufferIsWhole() throws IOException {
        String longLine = "x".repeat(3 * (1 << 20) + 5);
        assertThat(lines(new ByteArrayInputStream(("a\n" + longLine + "\nb").getBytes(StandardCharsets.UTF_8))))
                .containsExactly("a", longLine, "b");
    }

    private static List<String> lines(InputStream in) throws IOException {
        ExportReader.Lines lines = new ExportReader.Lines(in);
        List<String> found = new ArrayList<>();
        for (byte[] line = lines.next(); line != null; line = lines.next()) {
            found.add(new String(line, StandardCharsets.UTF_8));
        }
        return found;
    }

    private static InputStream oneByteAtATime(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1));
            }
        };
    }
}
