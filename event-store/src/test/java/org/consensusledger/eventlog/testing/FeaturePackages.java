package org.consensusledger.eventlog.testing;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;

import java.util.Map;
import java.util.Set;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

/**
 * The rules of an application's feature packages ({@code <root>.<feature>}, package by feature), written once for
 * both applications: package-private by default, and features that use only the features they declare.
 */
public final class FeaturePackages {

    private FeaturePackages() {
    }

    /**
     * A top-level class is public only if a class of another package uses it: package-private by default, as the
     * conventions ask (public where the compiler or a framework needs it, and nowhere else). The bytecode does not
     * show a use of a compile-time constant (the compiler copies its value), and tests are not the application: a
     * class public for either is named in {@code publicBecause}, with the reason.
     */
    public static ArchRule publicOnlyWhereAnotherPackageUsesIt(String root, Map<Class<?>, String> publicBecause) {
        return classes().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(root)
                        .and().areTopLevelClasses()
                        .and().doNotBelongToAnyOf(publicBecause.keySet().toArray(Class<?>[]::new))
                        .and().haveModifier(JavaModifier.PUBLIC)
                        .should(new ArchCondition<>("be used by a class of another package (else package-private)") {
                            @Override
                            public void check(JavaClass javaClass, ConditionEvents events) {
                                boolean usedOutside = javaClass.getDirectDependenciesToSelf().stream()
                                                               .map(Dependency::getOriginClass)
                                                               .anyMatch(origin -> !origin.getPackageName().equals(
                                                                       javaClass.getPackageName()));
                                events.add(new SimpleConditionEvent(javaClass, usedOutside, javaClass.getName()
                                        + " is public but no class outside " + javaClass.getPackageName()
                                        + " uses it: make it package-private"));
                            }
                        });
    }

    /**
     * A feature package ({@code root.feature} and below) depends on another only if {@code allowed} says so
     * (feature name to the features it may use), as Spring Modulith's allowed dependencies do: features do not reach
     * into each other unseen, and a new dependency between them is a decision written here.
     */
    public static ArchRule featuresUseOnlyTheFeaturesTheyDeclare(String root, Map<String, Set<String>> allowed) {
        return classes().that().resideInAPackage(root + "..")
                        .should(new ArchCondition<>("use only the features " + allowed + " declares") {
                            @Override
                            public void check(JavaClass javaClass, ConditionEvents events) {
                                String feature = featureOf(root, javaClass.getPackageName());
                                if (feature == null) {
                                    return;
                                }
                                for (Dependency dependency : javaClass.getDirectDependenciesFromSelf()) {
                                    String target = featureOf(root, dependency.getTargetClass().getPackageName());
                                    if (target != null && !target.equals(feature)) {
                                        boolean declared = allowed.getOrDefault(feature, Set.of()).contains(target);
                                        events.add(new SimpleConditionEvent(dependency, declared, "feature "
                                                + feature + " uses feature " + target + ", which it does not "
                                                + "declare: " + dependency.getDescription()));
                                    }
                                }
                            }
                        });
    }

    private static String featureOf(String root, String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return null;
        }
        String rest = packageName.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }
}
