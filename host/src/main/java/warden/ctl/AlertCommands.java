package warden.ctl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code alerts} and {@code silence}: the host's open alerts and its silences ({@code /api/v1/alerts}). A host built
 * before alerts existed answers 404 for the route, which is reported as such rather than as a failed lookup.
 */
final class AlertCommands {

    private AlertCommands() {}

    @Command(name = "alerts", description = "The alerts that fire or are pending now, oldest first.")
    static final class Alerts implements Callable<Integer> {

        @ParentCommand
        Ctl ctl;

        @Override
        public Integer call() {
            String body = get(ctl, "/alerts");
            if (ctl.json) {
                ctl.printJson(body);
                return 0;
            }
            List<Map<String, Object>> alerts = rows(body, "alerts");
            if (alerts.isEmpty()) {
                ctl.out.println("no alerts");
                return 0;
            }
            Table t = new Table("ID", "STATE", "SEVERITY", "RULE", "SCOPE", "SINCE", "ACKED BY", "SUMMARY");
            for (Map<String, Object> a : alerts) {
                Object since = a.get("firingSince") != null ? a.get("firingSince") : a.get("since");
                t.row(
                        Table.number(JsonText.number(a, "id")),
                        a.get("state"),
                        a.get("severity"),
                        a.get("rule"),
                        a.get("scope"),
                        since,
                        a.get("acknowledgedBy"),
                        a.get("summary"));
            }
            ctl.out.print(t.render());
            return 0;
        }
    }

    @Command(
            name = "silence",
            description = "Without arguments: the active silences. With a rule or child and a duration: silence it.")
    static final class Silence implements Callable<Integer> {

        @ParentCommand
        Ctl ctl;

        @Parameters(
                index = "0",
                arity = "0..1",
                paramLabel = "<rule|child>",
                description = "a rule name or child id (rule:<name>, child:<id> or all to be explicit)")
        String target;

        @Parameters(index = "1", arity = "0..1", paramLabel = "<duration>", description = "how long: 30m, 2h, 1d")
        String duration;

        @Option(names = "--reason", description = "shown with the silence")
        String reason;

        @Override
        public Integer call() {
            if (target == null) {
                return silences();
            }
            if (duration == null) {
                throw new CtlException(CtlException.USAGE, "silence " + target + ": say for how long, e.g. 2h");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("matcher", target);
            body.put("duration", duration);
            body.put("reason", reason);
            Api.Response r = ctl.api().call("POST", "/alerts/silences", JsonText.write(body));
            absent(r);
            if (!r.ok()) {
                throw new CtlException(CtlException.FAILED, "silence failed: " + Api.message(r.body()));
            }
            if (ctl.json) {
                ctl.printJson(r.body());
            } else {
                Map<String, Object> s = JsonText.object(r.body());
                ctl.out.println("silenced " + s.get("matcher") + " until " + s.get("until") + " (silence "
                        + Table.number(JsonText.number(s, "id")) + ")");
            }
            return 0;
        }

        private int silences() {
            String body = get(ctl, "/alerts/silences");
            if (ctl.json) {
                ctl.printJson(body);
                return 0;
            }
            List<Map<String, Object>> silences = rows(body, "silences");
            if (silences.isEmpty()) {
                ctl.out.println("no silences");
                return 0;
            }
            Table t = new Table("ID", "MATCHER", "UNTIL", "WHO", "REASON");
            for (Map<String, Object> s : silences) {
                t.row(
                        Table.number(JsonText.number(s, "id")),
                        s.get("matcher"),
                        s.get("until"),
                        s.get("who"),
                        s.get("reason"));
            }
            ctl.out.print(t.render());
            return 0;
        }
    }

    private static String get(Ctl ctl, String path) {
        Api.Response r = ctl.api().call("GET", path, null);
        absent(r);
        if (!r.ok()) {
            throw new CtlException(CtlException.FAILED, Api.message(r.body()));
        }
        return r.body();
    }

    private static void absent(Api.Response r) {
        if (r.status() == 404 && Api.message(r.body()).startsWith("no such API route")) {
            throw new CtlException(CtlException.FAILED, "the host has no alerts yet (its API has no /api/v1/alerts)");
        }
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> rows(String body, String key) {
        return JsonText.at(JsonText.parse(body), key) instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }
}
