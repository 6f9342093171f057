package org.consensusledger.query.site;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Sentences from the bundle with links in them: the sentence and every name are escaped, placeholders filled once. */
class SentencesTest {

    private final Sentences say = new Sentences();

    @Test
    void theSentenceIsEscapedAndItsPlaceholdersFilledWithTheLinks() {
        String link = say.organisation("org 1/ä", Map.of("org 1/ä", "Acme & <Sons>"), "unnamed");

        assertThat(link).isEqualTo("<a href=\"/organisations/org%201%2F%C3%A4\">Acme &amp; &lt;Sons&gt;</a>");
        assertThat(say.fill("a co-chair's delegate for {0} <b>", link))
                .isEqualTo("a co-chair&#39;s delegate for " + link + " &lt;b&gt;");
    }

    @Test
    void aPlaceholderInsideARecordedTextIsNotFilledInItsTurn() {
        assertThat(say.fill("{0} objected to {1}:", say.quote("see {1}"), "version 1"))
                .isEqualTo("<q>see {1}</q> objected to version 1:");
    }

    @Test
    void anOrganisationWhoseNameIsNotKnownIsSaidInWordsNeverByItsId() {
        assertThat(say.organisation("f4c08e6a-1111-2222-3333-444455556666", Map.of(), "an unnamed organisation"))
                .isEqualTo("<a href=\"/organisations/f4c08e6a-1111-2222-3333-444455556666\">an unnamed "
                                   + "organisation</a>");
        assertThat(say.meeting("m-1", Map.of("m-1", "Session one"), "a meeting"))
                .isEqualTo("<a href=\"/meetings/m-1\">Session one</a>");
    }
}
