package dev.runyard.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The app's layering, checked on its compiled main classes: the CLI and the web app are two surfaces that never
 * import each other, and they talk to the core through the Planner, the catalog and the output records of
 * {@code app.api} — never to the estimators or the speed model directly. No package cycles.
 */
class LayeringTest {
    private static final String CLI = "dev.runyard.app.cli..";
    private static final String WEB = "dev.runyard.app.web..";
    /** {@code serve} only starts the web app; it is held to the surfaces' rule too. */
    private static final String SERVE = "dev.runyard.app.serve..";

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
        surfacesMustNotReachEstimators(CLI, WEB, SERVE).check(APP);
    }

    /** The rule for {@code packages}; a method so that a test can aim it at a class that breaks it. */
    static ArchRule surfacesMustNotReachEstimators(String... packages) {
        return noClasses().that().resideInAnyPackage(packages)
                .should().dependOnClassesThat().resideInAPackage("dev.runyard.core.speed..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.runyard.core.estimate.MemoryEstimator")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.runyard.core.estimate.WeightsEstimator")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.runyard.core.estimate.LlamaCppEstimator")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.runyard.core.estimate.LlamaCppLayout")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.runyard.core.estimate.VllmEstimator")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.runyard.core.estimate.MlxEstimator")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("dev.runyard.core.plan.LlamaCppPlacement")
                .because("surfaces ask the Planner and the catalog; estimators and the speed model live behind them");
    }

    @Test
    void theSurfaceRuleCatchesACliClassThatReachesTheSpeedModel() throws ClassNotFoundException {
        JavaClasses offender = new ClassFileImporter().importClasses(
                Class.forName("dev.runyard.app.cli.BreaksTheSurfaceRule"));
        assertThatThrownBy(() -> surfacesMustNotReachEstimators(CLI, WEB, SERVE).check(offender))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("dev.runyard.core.speed.SpeedModel")
                .hasMessageContaining("dev.runyard.core.estimate.LlamaCppEstimator");
    }

    @Test
    void appPackagesAreFreeOfCycles() {
        slices().matching("dev.runyard.app.(*)..").should().beFreeOfCycles().check(APP);
    }
}
