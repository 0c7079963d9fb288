package dev.runyard.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The app's layering, checked on its compiled main classes: the CLI and the web app are two surfaces that never
 * import each other, and they talk to the core through the Planner, the catalog and the output records of
 * {@code app.api} — never to the estimators or the speed model directly. No package cycles.
 */
class LayeringTest {
    private static final String CLI = "dev.runyard.app.cli..";
    private static final String WEB = "dev.runyard.app.web..";

    private static final JavaClasses APP = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.runyard.app");

    @Test
    void cliNeverDependsOnWeb() {
        noClasses().that().resideInAPackage(CLI).should().dependOnClassesThat().resideInAPackage(WEB).check(APP);
    }

    @Test
    void webNeverDependsOnCli() {
        noClasses().that().resideInAPackage(WEB).should().dependOnClassesThat().resideInAPackage(CLI).check(APP);
    }

    @Test
    void surfacesNeverUseTheEstimatorsOrSpeedModelDirectly() {
        noClasses().that().resideInAnyPackage(CLI, WEB)
                .should().dependOnClassesThat().resideInAPackage("dev.runyard.core.speed..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.runyard.core.estimate.MemoryEstimator")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.runyard.core.estimate.WeightsEstimator")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.runyard.core.estimate.LlamaCppEstimator")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.runyard.core.estimate.LlamaCppLayout")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.runyard.core.estimate.VllmEstimator")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.runyard.core.estimate.MlxEstimator")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.runyard.core.plan.LlamaCppPlacement")
                .because("surfaces ask the Planner and the catalog; estimators and the speed model live behind them")
                .check(APP);
    }

    @Test
    void appPackagesAreFreeOfCycles() {
        slices().matching("dev.runyard.app.(*)..").should().beFreeOfCycles().check(APP);
    }
}
