package warden.host;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package rules of ARCHITECTURE.md ("Package dependencies"), checked on the host's compiled classes: no package
 * uses one to its right in {@link #ORDER}, the leaves use nothing of the host, and outside its own package a
 * capability is reached only through its facade and the records and exceptions it hands out ({@link #FACADES}).
 */
class PackageRulesTest {

    /** Left to right; a package may use those to its left. The root package (the wiring) comes after all of them. */
    static final List<String> ORDER =
            List.of("config", "storage", "supervisor", "metrics", "plugins", "alerts", "chat", "export", "http");

    /**
     * Per capability, the only classes other packages may use: the facade first, then what its methods take and
     * return. A nested type belongs to the facade of the class around it.
     */
    static final Map<String, Set<String>> FACADES = Map.of(
            "config",
            Set.of(
                    "ConfigLoader",
                    "ConfigException",
                    "ConfigDiff",
                    "WardenConfig",
                    "StorageConfig",
                    "MetricsConfig",
                    "PluginsConfig",
                    "AlertsConfig",
                    "AlertRules",
                    "ChatConfig",
                    "ExportConfig",
                    "HttpConfig",
                    "ServiceConfig",
                    "Dialect",
                    "Durations"),
            "storage",
            Set.of("Database", "DataDirLock", "Retention", "Backlog", "PrivateFiles"),
            "supervisor",
            Set.of(
                    "Supervisor",
                    "ChildSpec",
                    "ChildKind",
                    "ChildState",
                    "ChildStatus",
                    "ChildAttachment",
                    "ChildChannel",
                    "ControlEvent",
                    "CrashRecord",
                    "OutputLimit",
                    "OutputLine",
                    "OutputBatch",
                    "StateChange",
                    "Readiness",
                    "RestartSpec",
                    "StopSpec"),
            "metrics",
            Set.of("MetricsService", "Aggregates", "Sample", "SeriesSource", "SystemSummary", "ThresholdStore", "Tick"),
            "plugins",
            Set.of(
                    "PluginHost",
                    "Command",
                    "EventCounters",
                    "EventTimings",
                    "PluginInfo",
                    "ReloadRecord",
                    "ReloadOutcome"),
            "alerts",
            Set.of("AlertService", "Alert", "AlertState", "ChatSink", "HistoryEntry", "RuleView", "Silence"),
            "chat",
            Set.of("ChatService", "Actor", "AuditEntry", "ChatMessage"),
            "export",
            Set.of("Exporter"),
            "http",
            Set.of("HttpApi"));

    private static JavaClasses host;

    @BeforeAll
    static void importHostClasses() throws URISyntaxException {
        // The host's own output directory only: the plugin API and the example plugins share the warden.* names.
        Path classes = Path.of(
                Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        host = new ClassFileImporter().importPath(classes);
    }

    @Test
    void noPackageUsesOneToItsRight() {
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < ORDER.size(); i++) {
            List<String> right =
                    new ArrayList<>(List.of("warden.host", "warden.ctl..", "warden.runner..", "warden.sim.."));
            ORDER.subList(i + 1, ORDER.size()).forEach(p -> right.add("warden.host." + p + ".."));
            check(
                    noClasses()
                            .that()
                            .resideInAPackage("warden.host." + ORDER.get(i) + "..")
                            .should()
                            .dependOnClassesThat()
                            .resideInAnyPackage(right.toArray(String[]::new)),
                    failures);
        }
        assertNone(failures);
    }

    @Test
    void leavesUseNothingOfTheHost() {
        List<String> failures = new ArrayList<>();
        // The wire protocol is loaded by the runner too, which must stay lean.
        check(
                noneOf("warden.protocol..", "warden.host..", "warden.runner..", "warden.ctl..", "warden.sim.."),
                failures);
        check(
                noneOf(
                        "warden.host.bus..",
                        "warden.host",
                        "warden.host.config..",
                        "warden.host.storage..",
                        "warden.host.supervisor..",
                        "warden.host.metrics..",
                        "warden.host.plugins..",
                        "warden.host.alerts..",
                        "warden.host.chat..",
                        "warden.host.export..",
                        "warden.host.http..",
                        "warden.ctl..",
                        "warden.runner..",
                        "warden.sim.."),
                failures);
        // The plugin JVM runs only the runner, the plugin API and the protocol.
        check(noneOf("warden.runner..", "warden.host..", "warden.ctl..", "warden.sim.."), failures);
        // The game simulator is a stand-alone program for tests and demos.
        check(noneOf("warden.sim..", "warden.host..", "warden.ctl..", "warden.runner.."), failures);
        assertNone(failures);
    }

    @Test
    void ctlUsesOnlyTheConfigOfTheHost() {
        List<String> failures = new ArrayList<>();
        List<String> forbidden = new ArrayList<>(List.of("warden.host", "warden.host.bus..", "warden.runner.."));
        ORDER.stream().filter(p -> !p.equals("config")).forEach(p -> forbidden.add("warden.host." + p + ".."));
        check(noneOf("warden.ctl..", forbidden.toArray(String[]::new)), failures);
        assertNone(failures);
    }

    @Test
    void outsideItsPackageACapabilityIsUsedOnlyThroughItsFacade() {
        List<String> failures = new ArrayList<>();
        FACADES.forEach((pkg, facade) -> {
            String name = "warden.host." + pkg;
            DescribedPredicate<JavaClass> inner = DescribedPredicate.describe(
                    "classes of " + name + " outside its facade " + facade,
                    c -> c.getPackageName().equals(name)
                            && !facade.contains(topLevel(c).getSimpleName()));
            check(noClasses().that().resideOutsideOfPackage(name).should().dependOnClassesThat(inner), failures);
        });
        assertNone(failures);
    }

    @Test
    void everythingOutsideTheFacadeIsPackagePrivate() {
        List<String> failures = new ArrayList<>();
        FACADES.forEach((pkg, facade) -> check(
                classes()
                        .that()
                        .resideInAPackage("warden.host." + pkg)
                        .and()
                        .arePublic()
                        .and()
                        .areTopLevelClasses()
                        .should()
                        .haveNameMatching("warden\\.host\\." + pkg + "\\.(" + String.join("|", facade) + ")")
                        .because("the facade of " + pkg + " is " + facade),
                failures));
        assertNone(failures);
    }

    private static ArchRule noneOf(String packageOf, String... forbidden) {
        return noClasses()
                .that()
                .resideInAPackage(packageOf)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden);
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    private static void check(ArchRule rule, List<String> failures) {
        var result = rule.evaluate(host);
        if (result.hasViolation()) {
            failures.add(result.getFailureReport().toString());
        }
    }

    private static void assertNone(List<String> failures) {
        if (!failures.isEmpty()) {
            throw new AssertionError(String.join("\n\n", failures));
        }
    }
}
