package org.consensusledger.query;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The two applications share only the published language in shared-events; neither imports the other. */
@AnalyzeClasses(packages = "org.consensusledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theQuerySideDoesNotDependOnTheCommandSide =
            noClasses().that().resideInAPackage("org.consensusledger.query..")
                       .should().dependOnClassesThat().resideInAPackage("org.consensusledger.command..");
}
