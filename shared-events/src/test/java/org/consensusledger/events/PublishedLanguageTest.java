package org.consensusledger.events;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.axonframework.serialization.Revision;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The events are the published language: an auditor reads them with nothing but the JDK, Jackson (their one JSON form,
 * {@link LedgerJson}) and Axon's {@code @Revision}. No Spring, no driver, no application code.
 */
@AnalyzeClasses(packages = "org.consensusledger.events", importOptions = ImportOption.DoNotIncludeTests.class)
class PublishedLanguageTest {

    @ArchTest
    static final ArchRule eventsDependOnNothingButTheJdkAndAxonsRevision =
            classes().that().resideInAPackage("org.consensusledger.events..")
                     .should().onlyDependOnClassesThat(
                             resideInAnyPackage("java..", "com.fasterxml.jackson..", "org.consensusledger.events..")
                                     .or(equivalentTo(Revision.class)));
}
