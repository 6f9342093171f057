package org.consensusledger.tlog;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The transparency log's building blocks are pure: the JDK alone (Maven gives this module no other dependency; the
 * rule says so in code too). No Jackson, no Spring, no MongoDB driver, no Axon: a leaf is opaque bytes, and storage
 * lives behind {@link NodeReader}, elsewhere.
 */
@AnalyzeClasses(packages = "org.consensusledger.tlog", importOptions = ImportOption.DoNotIncludeTests.class)
class TlogDependenciesTest {

    @ArchTest
    static final ArchRule tlogDependsOnlyOnTheJdk =
            classes().that().resideInAPackage("org.consensusledger.tlog..")
                     .should().onlyDependOnClassesThat(resideInAnyPackage("java..", "org.consensusledger.tlog.."));
}
