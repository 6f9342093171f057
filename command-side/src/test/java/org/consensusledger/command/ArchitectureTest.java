package org.consensusledger.command;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.spring.stereotype.Aggregate;
import org.consensusledger.command.shared.RecordedAs;
import org.consensusledger.command.sso.SignInProviders;
import org.consensusledger.command.web.ApiConfiguration;
import org.consensusledger.eventlog.testing.CollectionOwnership;
import org.consensusledger.eventlog.testing.FeaturePackages;

import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The command side's house rules (what Maven cannot see): features keep to themselves, classes are package-private
 * unless another package needs them, aggregates know nothing of the web, and every collection is used only by the
 * classes docs/architecture.md names for it.
 */
@AnalyzeClasses(packages = "org.consensusledger.command", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String ROOT = "org.consensusledger.command";
    private static final Set<String> EVERY_FEATURE_USES = Set.of("shared", "web");

    @ArchTest
    static final ArchRule featuresUseOnlyWhatTheyDeclare = FeaturePackages.featuresUseOnlyTheFeaturesTheyDeclare(
            ROOT, Map.ofEntries(// The sign-in asks the rate limits before and after checking a token.
                         Map.entry("account", Set.of("shared", "web", "ratelimit")),
                         Map.entry("body", EVERY_FEATURE_USES),
                         // The console signs co-chairs in with their accounts' tokens.
                         Map.entry("console", Set.of("shared", "web", "account")),
                         Map.entry("correction", EVERY_FEATURE_USES),
                         // The minutes sealer's own command gets its receipt like any other.
                         Map.entry("meeting", Set.of("shared", "web", "receipt")),
                         Map.entry("organisation", EVERY_FEATURE_USES),
                         Map.entry("proposal", EVERY_FEATURE_USES),
                         // A sign-in through an identity provider ends in the console's own session.
                         Map.entry("sso", Set.of("shared", "web", "account")),
                         Map.entry("ratelimit", EVERY_FEATURE_USES),
                         // Every command a request sends is receipted, and its answer carries the receipt.
                         Map.entry("web", Set.of("shared", "receipt")),
                         Map.entry("receipt", Set.of("shared"))));

    @ArchTest
    static final ArchRule packagePrivateByDefault = FeaturePackages.publicOnlyWhereAnotherPackageUsesIt(
            ROOT, Map.of(RecordedAs.class, "its constant LEDGER_ACCOUNT names the minutes sealer's own commands",
                         ApiConfiguration.class, "its filter orders place the account and rate-limit filters",
                         SignInProviders.class, "the console's sign-in page (a template) lists its providers",
                         SignInProviders.Provider.class, "the console's sign-in page shows each provider",
                         SignInProviders.BoundIdentity.class, "the accounts screen shows each account's identity"));

    @ArchTest
    static final ArchRule aggregatesKnowNothingOfTheWeb =
            noClasses().that().areAnnotatedWith(Aggregate.class)
                       .should().dependOnClassesThat().resideInAnyPackage("org.springframework.web..",
                                                                          "org.springframework.http..",
                                                                          ROOT + ".web..");

    @ArchTest
    static final ArchRule collectionsAreUsedByTheirNamedOwnersOnly =
            CollectionOwnership.onlyTheNamedClassesUseEachCollection();

    @ArchTest
    static final ArchRule collectionsAreOpenedOnlyByTheirConstant = CollectionOwnership.noClassOpensACollectionByName();
}
