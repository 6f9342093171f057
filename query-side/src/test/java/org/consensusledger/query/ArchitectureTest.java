package org.consensusledger.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.consensusledger.eventlog.testing.CollectionOwnership;
import org.consensusledger.eventlog.testing.FeaturePackages;
import org.consensusledger.query.admin.Replays;
import org.consensusledger.query.body.BodyProposalDocument;
import org.consensusledger.query.dossier.LatestDecisionsDocument;
import org.consensusledger.query.dossier.ReadableDiff;
import org.consensusledger.query.web.ProblemHandler;

import java.util.Map;
import java.util.Set;

/**
 * The query side's house rules (what Maven cannot see): features use only the features they declare (the public
 * site reads them all; a read model reads no site), classes are package-private unless another package needs them,
 * and every collection is used only by the classes docs/architecture.md names for it.
 */
@AnalyzeClasses(packages = "org.consensusledger.query", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "org.consensusledger.query";

    @ArchTest
    static final ArchRule featuresUseOnlyWhatTheyDeclare = FeaturePackages.featuresUseOnlyTheFeaturesTheyDeclare(
            ROOT, Map.ofEntries(
                    Map.entry("projection", Set.of()),
                    Map.entry("web", Set.of()),
                    Map.entry("organisation", Set.of("projection")),
                    Map.entry("body", Set.of("projection", "organisation", "web")),
                    Map.entry("dossier", Set.of("projection", "organisation", "web")),
                    Map.entry("meeting", Set.of("projection", "organisation", "dossier", "web")),
                    Map.entry("engagement", Set.of("body", "dossier", "web")),
                    Map.entry("audit", Set.of("projection", "web")),
                    Map.entry("selfcheck", Set.of("projection", "audit")),
                    Map.entry("tiles", Set.of("audit", "web")),
                    Map.entry("witness", Set.of("projection", "audit")),
                    Map.entry("admin", Set.of("projection", "selfcheck")),
                    Map.entry("opendata", Set.of("projection", "web", "audit", "body")),
                    Map.entry("site", Set.of("projection", "web", "audit", "witness", "body", "dossier", "engagement",
                                             "meeting", "organisation", "selfcheck"))));

    @ArchTest
    static final ArchRule packagePrivateByDefault = FeaturePackages.publicOnlyWhereAnotherPackageUsesIt(
            ROOT, Map.of(Replays.class, "the scale-out test and the query side's benchmark replay from other packages",
                         BodyProposalDocument.class, "the MongoDB driver's record codec reads public records only",
                         LatestDecisionsDocument.class, "the MongoDB driver's record codec reads public records only",
                         ReadableDiff.class, "the site's dossier page reads its pieces (Thymeleaf reads public types)",
                         ProblemHandler.class, "its NotFound and BadRequest are thrown by every feature's controllers"));

    @ArchTest
    static final ArchRule collectionsAreUsedByTheirNamedOwnersOnly =
            CollectionOwnership.onlyTheNamedClassesUseEachCollection();

    @ArchTest
    static final ArchRule collectionsAreOpenedOnlyByTheirConstant = CollectionOwnership.noClassOpensACollectionByName();
}
