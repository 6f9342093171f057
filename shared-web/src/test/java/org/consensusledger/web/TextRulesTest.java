package org.consensusledger.web;

import org.junit.jupiter.api.Test;

import java.text.Normalizer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextRulesTest {

    @Test
    void lineBreaksBecomeLfAndTextsNfc() {
        assertThat(TextRules.normalise("a\r\nb\rc\nd\te")).isEqualTo("a\nb\nc\nd\te");
        assertThat(TextRules.normalise("Cafe\u0301 \u212B")).isEqualTo("Caf\u00e9 \u00c5")
                                                           .matches(text -> Normalizer.isNormalized(text,
                                                                   Normalizer.Form.NFC));
        assertThat(TextRules.normalise("\uD83D\uDE00 ok")).isEqualTo("\uD83D\uDE00 ok");
    }

    @Test
    void controlBidiSurrogateAndNoncharactersAreRefusedByCodePoint() {
        assertRefused("a\u0007b", "U+0007");
        assertRefused("a\u0000", "U+0000");
        assertRefused("a\u001B[31m", "U+001B");
        assertRefused("a\u007F", "U+007F");
        assertRefused("a\u0085", "U+0085");
        assertRefused("a\u009Fb", "U+009F");
        assertRefused("\uD800", "U+D800");
        assertRefused("x\uDC00y", "U+DC00");
        assertRefused("\uD800\uD800\uDC00", "U+D800");
        assertRefused("a\u202Eb", "U+202E");
        assertRefused("a\u202Ab", "U+202A");
        assertRefused("a\u2066b", "U+2066");
        assertRefused("a\u2069b", "U+2069");
        assertRefused("a\uFFFE", "U+FFFE");
        assertRefused("a\uFFFF", "U+FFFF");
        assertRefused("a\uFDD0", "U+FDD0");
        assertRefused("a\uD83F\uDFFF", "U+1FFFF");
    }

    @Test
    void theMessageNeverHoldsTheRawCharacter() {
        assertThatThrownBy(() -> TextRules.normalise("a\u0007b")).isInstanceOf(RefusedInput.class)
                                                                  .message().doesNotContain("\u0007");
    }

    private static void assertRefused(String text, String codePoint) {
        assertThatThrownBy(() -> TextRules.normalise(text)).as(codePoint).isInstanceOf(RefusedInput.class)
                                                           .hasMessageContaining(codePoint);
    }
}
