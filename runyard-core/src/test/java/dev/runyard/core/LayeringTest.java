package dev.runyard.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core's layering, checked on its compiled main classes: it never reaches into the app, and its packages form
 * no cycle (they read bottom to top: units, model, quant / hardware / catalog, format, estimate, speed, plan, rank).
 */
class LayeringTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.runyard.core");

    @Test
    void coreNeverDependsOnTheApp() {
        noClasses().that().resideInAPackage("dev.runyard.core..")
                .should().dependOnClassesThat().resideInAPackage("dev.runyard.app..")
                .check(CORE);
    }

    @Test
    void modelTypesAndReadersNeverDependOnEstimates() {
        noClasses().that().resideInAnyPackage("dev.runyard.core.model..", "dev.runyard.core.format..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.runyard.core.estimate..",
                        "dev.runyard.core.speed..", "dev.runyard.core.plan..", "dev.runyard.core.rank..")
                .check(CORE);
    }

    @Test
    void corePackagesAreFreeOfCycles() {
        slices().matching("dev.runyard.core.(*)..").should().beFreeOfCycles().check(CORE);
    }
}
