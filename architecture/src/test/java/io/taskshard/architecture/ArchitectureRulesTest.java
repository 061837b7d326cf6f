package io.taskshard.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The rules of docs/architecture.md, checked over the compiled main classes of every module (so
 * a fully qualified use counts as much as an import). Each module owns its own top-level
 * packages: engine {@code io.taskshard.{analysis,auth,cli,client,coordinator,model,protocol,
 * scheduler,schema,server,simulation,store,tls}}, runners {@code io.taskshard.runners}, the
 * dashboards {@code io.taskshard.tui} and {@code io.taskshard.gui}, benchmarks
 * {@code io.taskshard.bench}.
 */
class ArchitectureRulesTest {
    private static final String[] ENGINE = {"io.taskshard.analysis..", "io.taskshard.auth..", "io.taskshard.cli..",
            "io.taskshard.client..", "io.taskshard.coordinator..", "io.taskshard.model..", "io.taskshard.protocol..",
            "io.taskshard.scheduler..", "io.taskshard.schema..", "io.taskshard.server..",
            "io.taskshard.simulation..", "io.taskshard.store..", "io.taskshard.tls.."};
    private static final String RUNNERS = "io.taskshard.runners..";
    private static final String TUI = "io.taskshard.tui..";
    private static final String GUI = "io.taskshard.gui..";
    private static final String BENCH = "io.taskshard.bench..";

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                // Under `mvn verify` the modules arrive as jars, under `mvn test` as class folders:
                // both are read; only io.taskshard's main classes are imported.
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.taskshard");
    }

    @Test
    void theRulesSeeEveryModule() {
        // A rule over no classes passes whatever the code does: make sure each module was read.
        for (String pkg : new String[] {"io.taskshard.scheduler", "io.taskshard.runners.peer", "io.taskshard.tui",
                "io.taskshard.gui", "io.taskshard.bench"}) {
            org.assertj.core.api.Assertions.assertThat(classes.containPackage(pkg)).as(pkg + " was imported").isTrue();
        }
    }

    @Test
    void modulesDependOneWayAppsOnRunnersOnEngine() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage(RUNNERS, TUI, GUI, BENCH)
                .because("the engine is the bottom module: apps -> runners -> engine")
                .check(classes);
        noClasses().that().resideInAPackage(RUNNERS)
                .should().dependOnClassesThat().resideInAnyPackage(TUI, GUI, BENCH)
                .because("runners sit below the dashboards and benchmarks")
                .check(classes);
        noClasses().that().resideInAPackage(TUI).should().dependOnClassesThat().resideInAnyPackage(GUI, BENCH)
                .check(classes);
        noClasses().that().resideInAPackage(GUI).should().dependOnClassesThat().resideInAnyPackage(TUI, BENCH)
                .check(classes);
    }

    @Test
    void benchmarksDependOnEngineAndRunnersOnly() {
        noClasses().that().resideInAPackage(BENCH)
                .should().dependOnClassesThat().resideInAnyPackage(TUI, GUI)
                .because("benchmarks measure the engine and runners; a dashboard's own benchmark lives with it")
                .check(classes);
    }

    @Test
    void dashboardsAreClientsOfTheOperatorApiOnly() {
        noClasses().that().resideInAnyPackage(TUI, GUI)
                .should().dependOnClassesThat().resideInAnyPackage("io.taskshard.scheduler..",
                        "io.taskshard.coordinator..", "io.taskshard.server..", "io.taskshard.store..",
                        "io.taskshard.protocol..", "io.taskshard.schema..", "io.taskshard.simulation..",
                        "io.taskshard.auth..", "io.taskshard.tls..", "io.taskshard.runners.peer..",
                        "io.taskshard.runners.cli..", "io.taskshard.runners.spi..", "io.taskshard.runners.shell..",
                        "io.taskshard.runners.bazel..", "io.taskshard.runners.process..", "io.taskshard.runners.sim..")
                .because("the UIs talk to the coordinator through client, model, analysis and cli only (the demo"
                        + " opens them through the runners.demo DemoDashboard SPI), even when it runs in-process")
                .check(classes);
    }

    @Test
    void theSchedulerIsPure() {
        noClasses().that().resideInAPackage("io.taskshard.scheduler..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.taskshard.scheduler..",
                        "io.taskshard.model..", "io.taskshard.protocol..", "io.taskshard.schema..", "java..",
                        // cron expressions of schedules: a pure parser, no I/O
                        "com.cronutils..")
                .because("the scheduler is a pure state machine: events in, decisions out, time passed in")
                .check(classes);
        noClasses().that().resideInAPackage("io.taskshard.scheduler..")
                .should().dependOnClassesThat().resideInAnyPackage("java.io..", "java.net..", "java.nio.file..",
                        "java.nio.channels..", "java.sql..", "java.util.concurrent..")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .orShould().dependOnClassesThat().areAssignableTo(Thread.class)
                .because("no I/O, threads or wall clock in the scheduler")
                .check(classes);
    }

    @Test
    void theAnalysisIsPureAndSharedByServerAndDashboards() {
        noClasses().that().resideInAPackage("io.taskshard.analysis..")
                .should().dependOnClassesThat().resideOutsideOfPackages("io.taskshard.analysis..",
                        "io.taskshard.model..", "java..",
                        "com.fasterxml.jackson..") // ChromeTrace writes the trace JSON
                .because("the server's comparison routes and the UIs run the same analysis from model records")
                .check(classes);
    }

    @Test
    void theEngineUsesNoUiToolkit() {
        noClasses().that().resideInAnyPackage(ENGINE)
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "com.googlecode.lanterna..")
                .check(classes);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.taskshard.(**)").should().beFreeOfCycles().check(classes);
    }
}
