package org.consensusledger.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class XmlTextTest {

    @Test
    void charactersXmlForbidsAreReplacedAndTheRestKept() {
        assertThat(XmlText.clean("ok \t\n\r é \uD83D\uDE00")).isEqualTo("ok \t\n\r é \uD83D\uDE00");
        assertThat(XmlText.clean("a\u0007b\u0000c\uD800d\uDC00e\uFFFEf\uFFFF"))
                .isEqualTo("a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFDf\uFFFD");
        assertThat(XmlText.clean(null)).isNull();
    }
}
