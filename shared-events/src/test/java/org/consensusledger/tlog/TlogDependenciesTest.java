package org.consensusledger.tlog;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.consensusledger.eventlog.LedgerSerializers;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The transparency log's building blocks are pure: the JDK, Jackson, the RFC 8785 library and the ledger's JSON
 * settings. No Spring, no MongoDB driver, no Axon: storage lives behind {@link NodeReader}, elsewhere.
 */
@AnalyzeClasses(packages = "org.consensusledger.tlog", importOptions = ImportOption.DoNotIncludeTests.class)
class TlogDependenciesTest {

    @ArchTest
    static final ArchRule tlogDependsOnlyOnTheJdkJacksonAndJcs =
            classes().that().resideInAPackage("org.consensusledger.tlog..")
                     .should().onlyDependOnClassesThat(
                             resideInAnyPackage("java..", "com.fasterxml.jackson..", "org.erdtman.jcs..",
                                                "org.consensusledger.tlog..")
                                     .or(equivalentTo(LedgerSerializers.class)));
}
