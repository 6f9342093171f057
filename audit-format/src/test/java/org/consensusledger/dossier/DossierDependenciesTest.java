package org.consensusledger.dossier;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The dossier fold runs in the verifier too, which carries no Spring, Axon or MongoDB driver: the package needs
 * nothing but the JDK, the events, the diff library and (as annotations, absent at run time there) BSON's.
 */
@AnalyzeClasses(packages = "org.consensusledger.dossier", importOptions = ImportOption.DoNotIncludeTests.class)
class DossierDependenciesTest {

    @ArchTest
    static final ArchRule dossierNeedsNoFramework =
            classes().that().resideInAPackage("org.consensusledger.dossier..")
                     .should().onlyDependOnClassesThat(
                             resideInAnyPackage("java..", "com.github.difflib..", "org.consensusledger.events..",
                                                "org.consensusledger.dossier..", "org.bson.codecs.pojo.annotations.."));
}
