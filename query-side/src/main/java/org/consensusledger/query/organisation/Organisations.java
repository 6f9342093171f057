package org.consensusledger.query.organisation;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.consensusledger.dossier.DossierDocument.Correction;
import org.consensusledger.eventlog.LedgerCollection;
import org.consensusledger.eventlog.spring.EventLogAutoConfiguration.LedgerDatabase;
import org.consensusledger.query.projection.ReadModel;
import org.consensusledger.query.projection.Rebuilds;
import org.springframework.stereotype.Component;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The organisations read model ({@code public_organisations}), for every page that names organisations. */
@Component
public class Organisations {


    private final ReadModel<OrganisationDocument> model;
    /** Organisations never change once registered, so one found is kept; only unknown ids are looked up. */
    private final Map<String, OrganisationDocument> known = new ConcurrentHashMap<>();

    Organisations(LedgerDatabase database, Rebuilds rebuilds) {
        rebuilds.onRebuild(known::clear); // a repaired record may name it otherwise
        this.model = new ReadModel<>(database.collection(LedgerCollection.PUBLIC_ORGANISATIONS, OrganisationDocument.class));
    }

    ReadModel<OrganisationDocument> model() {
        return model;
    }

    /**
     * The corrections of these organisations' records, by organisation (only those that have any), read from the
     * database each time: unlike names, corrections are added.
     */
    public Map<String, List<Correction>> corrections(Collection<String> ids) {
        Map<String, List<Correction>> found = new HashMap<>();
        model.collection().find(Filters.and(Filters.in("_id", ids), Filters.exists("corrections.0")))
             .forEach(document -> found.put(document.id(), document.corrections()));
        return found;
    }

    /**
     * The ids of at most {@code most} organisations whose names hold these words, literally and whatever their case,
     * the first by name (for the search of proposals by the organisations that took part); {@code more} says whether
     * more organisations' names hold them. The database sorts and limits: never more than {@code most + 1} are read.
     */
    public Named namedLike(String words, int most) {
        Set<String> ids = new LinkedHashSet<>();
        model.collection().withDocumentClass(Document.class)
             .find(Filters.regex("name", Pattern.quote(words), "i")).projection(Projections.include("_id"))
             .sort(Sorts.orderBy(Sorts.ascending("name"), Sorts.ascending("_id"))).limit(most + 1)
             .forEach(found -> ids.add(found.getString("_id")));
        boolean more = ids.size() > most;
        return new Named(more ? ids.stream().limit(most).collect(Collectors.toCollection(LinkedHashSet::new)) : ids,
                         more);
    }

    /** The organisations whose names hold some words, as many as are searched, and whether more names hold them. */
    public record Named(Set<String> ids, boolean more) {
    }

    /** The named organisations by id: those not seen before in one {@code $in} lookup on {@code _id}. */
    public Map<String, OrganisationDocument> byId(Collection<String> ids) {
        List<String> unknown = ids.stream().filter(id -> id != null && !known.containsKey(id)).toList();
        if (!unknown.isEmpty()) {
            model.collection().find(Filters.in("_id", unknown)).forEach(document -> known.put(document.id(), document));
        }
        Map<String, OrganisationDocument> found = new HashMap<>();
        ids.forEach(id -> {
            OrganisationDocument document = id == null ? null : known.get(id);
            if (document != null) {
                found.put(id, document);
            }
        });
        return found;
    }
}
