package warden.ctl;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code crashes [<id>]} and {@code crash <seq>}: the stored crash records, which outlive the host. */
final class CrashCommands {

    private CrashCommands() {}

    @Command(name = "crashes", description = "Crash records, newest first; of one child, or of all.")
    static final class Crashes implements Callable<Integer> {

        @ParentCommand
        Ctl ctl;

        @Parameters(arity = "0..1", paramLabel = "<id>", description = "the child; all children without it")
        String id;

        @Option(names = "-n", defaultValue = "20", description = "how many (default 20)")
        int limit;

        @Override
        public Integer call() {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("child", id);
            query.put("limit", Integer.toString(limit));
            String body = ctl.api().get("/crashes" + Api.query(query));
            if (ctl.json) {
                ctl.printJson(body);
                return 0;
            }
            List<Map<String, Object>> crashes = JsonText.objects(body);
            if (crashes.isEmpty()) {
                ctl.out.println(id == null ? "no crashes recorded" : "no crashes of " + id + " recorded");
                return 0;
            }
            Table t = new Table("SEQ", "CHILD", "AT", "EXIT", "SIGNAL", "UPTIME", "DECISION", "REASON");
            for (Map<String, Object> c : crashes) {
                t.row(
                        Table.number(JsonText.number(c, "seq")),
                        c.get("childId"),
                        c.get("at"),
                        Table.number(JsonText.number(c, "exitCode")),
                        c.get("likelySignal"),
                        Table.duration(Duration.ofMillis((long) JsonText.number(c, "uptime"))),
                        c.get("decision"),
                        c.get("reason"));
            }
            ctl.out.print(t.render());
            return 0;
        }
    }

    @Command(name = "crash", description = "One crash record with the output before it.")
    static final class Crash implements Callable<Integer> {

        @ParentCommand
        Ctl ctl;

        @Parameters(paramLabel = "<seq>", description = "its number, from 'crashes'")
        long seq;

        @Override
        public Integer call() {
            String body = ctl.api().get("/crashes/" + seq);
            if (ctl.json) {
                ctl.printJson(body);
                return 0;
            }
            Map<String, Object> c = JsonText.object(body);
            String signal = JsonText.string(c, "likelySignal");
            ctl.out.println("crash " + seq + " of " + c.get("childId") + " at " + c.get("at"));
            ctl.out.println("  exit code: " + Table.number(JsonText.number(c, "exitCode"))
                    + (signal == null ? "" : " (likely " + signal + ")"));
            ctl.out.println("  reason:    " + c.get("reason"));
            ctl.out.println("  uptime:    " + Table.duration(Duration.ofMillis((long) JsonText.number(c, "uptime"))));
            ctl.out.println("  restart:   " + Table.number(JsonText.number(c, "restartNumber")));
            ctl.out.println("  decision:  " + c.get("decision"));
            Object tail = c.get("tail");
            List<?> lines = tail instanceof List<?> l ? l : List.of();
            ctl.out.println("  last " + lines.size() + " lines of output:");
            lines.forEach(line -> ctl.out.println("    " + line));
            return 0;
        }
    }
}
