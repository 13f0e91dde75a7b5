package warden.ctl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code alerts} and {@code silence}: the host's alert rules and silences ({@code /api/v1/alerts}). A host built
 * before alerts existed answers 404 for the route, which is reported as such rather than as a failed lookup.
 */
final class AlertCommands {

    private AlertCommands() {}

    @Command(name = "alerts", description = "Alert rules and which of them fire.")
    static final class Alerts implements Callable<Integer> {

        @ParentCommand
        Ctl ctl;

        @Override
        public Integer call() {
            return show(ctl, "/alerts", "no alerts");
        }
    }

    @Command(
            name = "silence",
            description = "Without arguments: the silences. With a rule: silence it --for a while (default 1h).")
    static final class Silence implements Callable<Integer> {

        @ParentCommand
        Ctl ctl;

        @Parameters(arity = "0..1", paramLabel = "<rule>", description = "the alert rule to silence")
        String rule;

        @Option(names = "--for", defaultValue = "1h", description = "how long (default 1h)")
        String duration;

        @Option(names = "--reason", description = "shown with the silence")
        String reason;

        @Override
        public Integer call() {
            if (rule == null) {
                return show(ctl, "/alerts/silences", "no silences");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("rule", rule);
            body.put("for", duration);
            body.put("reason", reason);
            Api.Response r = ctl.api().call("POST", "/alerts/silences", JsonText.write(body));
            absent(r);
            if (!r.ok()) {
                throw new CtlException(CtlException.FAILED, "silence failed: " + Api.message(r.body()));
            }
            if (ctl.json) {
                ctl.printJson(r.body());
            } else {
                ctl.out.println(rule + ": silenced for " + duration);
            }
            return 0;
        }
    }

    private static int show(Ctl ctl, String path, String none) {
        Api.Response r = ctl.api().call("GET", path, null);
        absent(r);
        if (!r.ok()) {
            throw new CtlException(CtlException.FAILED, Api.message(r.body()));
        }
        if (ctl.json) {
            ctl.printJson(r.body());
            return 0;
        }
        Object json = JsonText.parse(r.body());
        List<?> rows = json instanceof List<?> l ? l : json instanceof Map<?, ?> m ? firstList(m) : List.of();
        if (rows.isEmpty()) {
            ctl.out.println(none);
            return 0;
        }
        ctl.out.print(table(rows));
        return 0;
    }

    private static void absent(Api.Response r) {
        if (r.status() == 404 && Api.message(r.body()).startsWith("no such API route")) {
            throw new CtlException(CtlException.FAILED, "the host has no alerts yet (its API has no /api/v1/alerts)");
        }
    }

    private static List<?> firstList(Map<?, ?> m) {
        for (Object v : m.values()) {
            if (v instanceof List<?> l) {
                return l;
            }
        }
        return List.of();
    }

    /** The scalar fields of the objects as columns, in the order the host sends them. */
    private static String table(List<?> rows) {
        Set<String> columns = new LinkedHashSet<>();
        for (Object row : rows) {
            if (row instanceof Map<?, ?> m) {
                m.forEach((k, v) -> {
                    if (!(v instanceof Map<?, ?>) && !(v instanceof List<?>)) {
                        columns.add(String.valueOf(k));
                    }
                });
            }
        }
        Table t = new Table(
                columns.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT)).toArray(String[]::new));
        for (Object row : rows) {
            List<Object> cells = new ArrayList<>();
            for (String c : columns) {
                cells.add(row instanceof Map<?, ?> m ? m.get(c) : null);
            }
            t.row(cells.toArray());
        }
        return t.render();
    }
}
