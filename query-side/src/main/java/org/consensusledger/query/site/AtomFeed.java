package org.consensusledger.query.site;

import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.feed.synd.SyndLink;
import com.rometools.rome.feed.synd.SyndLinkImpl;
import com.rometools.rome.feed.synd.SyndPerson;
import com.rometools.rome.feed.synd.SyndPersonImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import org.consensusledger.web.XmlText;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.List;

/**
 * An Atom feed (RFC 4287) written with Rome: its id and self link the feed's absolute address, its {@code updated}
 * the newest entry's (not the first's), and every entry with an id, a title, a link, its time and an author, newest
 * first, at most {@link #ENTRIES}. Every text is made fit for XML first ({@link XmlText}): a stored title holding a
 * character XML forbids must not break the feed for everyone.
 */
final class AtomFeed {

    static final String ATOM = "application/atom+xml;charset=UTF-8";
    /** What a feed reader may ask for and is sent Atom: Atom itself, or XML (a request accepting anything matches any). */
    static final String XML = "application/xml;charset=UTF-8";
    static final String TEXT_XML = "text/xml;charset=UTF-8";
    /** How many entries a feed holds. */
    static final int ENTRIES = 50;

    /** One entry: {@code id} a URI that never changes, {@code link} absolute, {@code author} a name. */
    record Entry(String id, String title, String link, Instant updated, String author, String summary) {
    }

    private AtomFeed() {
    }

    /**
     * The feed as an answer, always labelled Atom, whichever of {@link #ATOM}, {@link #XML} or {@link #TEXT_XML} the
     * request accepted (the mapping's {@code produces} lists all three, so that a feed reader asking for XML is not
     * refused, and any other request is: {@code 406}).
     */
    static ResponseEntity<String> ok(String feed) {
        return ResponseEntity.ok().header(HttpHeaders.CONTENT_TYPE, ATOM).body(feed);
    }

    static String write(String self, String home, String title, String feedAuthor, List<Entry> entries) {
        List<Entry> newestFirst = new ArrayList<>(entries);
        newestFirst.sort(Comparator.comparing(Entry::updated).reversed().thenComparing(Entry::id));
        List<Entry> kept = newestFirst.subList(0, Math.min(ENTRIES, newestFirst.size()));
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("atom_1.0");
        feed.setTitle(XmlText.clean(title));
        feed.setUri(XmlText.clean(self));
        feed.setLink(XmlText.clean(home));
        SyndLink link = new SyndLinkImpl();
        link.setRel("self");
        link.setType("application/atom+xml");
        link.setHref(XmlText.clean(self));
        SyndLink alternate = new SyndLinkImpl();
        alternate.setRel("alternate");
        alternate.setType("text/html");
        alternate.setHref(XmlText.clean(home));
        feed.setLinks(List.of(alternate, link));
        feed.setAuthors(List.of(person(feedAuthor)));
        feed.setPublishedDate(Date.from(kept.isEmpty() ? Instant.EPOCH : kept.get(0).updated()));
        List<SyndEntry> written = new ArrayList<>();
        for (Entry entry : kept) {
            SyndEntry item = new SyndEntryImpl();
            item.setUri(XmlText.clean(entry.id()));
            item.setTitle(XmlText.clean(entry.title()));
            item.setLink(XmlText.clean(entry.link()));
            item.setUpdatedDate(Date.from(entry.updated()));
            item.setPublishedDate(Date.from(entry.updated()));
            item.setAuthors(List.of(person(entry.author())));
            SyndContent summary = new SyndContentImpl();
            summary.setType("text");
            summary.setValue(XmlText.clean(entry.summary()));
            item.setDescription(summary);
            written.add(item);
        }
        feed.setEntries(written);
        try {
            return new SyndFeedOutput().outputString(feed);
        } catch (FeedException e) {
            throw new IllegalStateException("The feed " + self + " could not be written", e);
        }
    }

    private static SyndPerson person(String name) {
        SyndPerson person = new SyndPersonImpl();
        person.setName(XmlText.clean(name == null || name.isBlank() ? "?" : name));
        return person;
    }
}
