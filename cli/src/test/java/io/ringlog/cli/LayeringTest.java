package io.ringlog.cli;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The build's check of the one-way layering broker -> log-core -> log-io and of forbidden internals. */
class LayeringTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.ringlog");
    }

    @Test
    void logIoShouldNotDependOnHigherLayers() {
        noClasses().that().resideInAPackage("io.ringlog.io..")
            .should().dependOnClassesThat().resideInAnyPackage(
                "io.ringlog.core..", "io.ringlog.broker..", "io.ringlog.bench..", "io.ringlog.cli..")
            .check(classes);
    }

    @Test
    void logCoreShouldNotDependOnBrokerBenchOrCli() {
        noClasses().that().resideInAPackage("io.ringlog.core..")
            .should().dependOnClassesThat().resideInAnyPackage(
                "io.ringlog.broker..", "io.ringlog.bench..", "io.ringlog.cli..")
            .check(classes);
    }

    @Test
    void brokerShouldNotDependOnBenchOrCli() {
        noClasses().that().resideInAPackage("io.ringlog.broker..")
            .should().dependOnClassesThat().resideInAnyPackage("io.ringlog.bench..", "io.ringlog.cli..")
            .check(classes);
    }

    @Test
    void storageLayersShouldNotUseUnsafeOrAgronaUnsafeBuffer() {
        noClasses().that().resideInAnyPackage("io.ringlog.io..", "io.ringlog.core..")
            .should().dependOnClassesThat().haveFullyQualifiedName("sun.misc.Unsafe")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("jdk.internal.misc.Unsafe")
            .orShould().dependOnClassesThat().haveFullyQualifiedName("org.agrona.concurrent.UnsafeBuffer")
            .check(classes);
    }
}
