package warden.ctl;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code status}: every child in a table, like {@code pm2 ls}; {@code --watch} redraws it until Ctrl-C. */
@Command(name = "status", description = "Every child: kind, state, pid, uptime, restarts, CPU, memory, generation.")
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    Ctl ctl;

    @Option(names = "--watch", description = "redraw every --interval until Ctrl-C")
    boolean watch;

    @Option(names = "--interval", defaultValue = "2", description = "seconds between redraws (default 2)")
    int intervalSeconds;

    @Override
    public Integer call() throws InterruptedException {
        while (true) {
            String body = ctl.api().get("/children");
            if (watch) {
                ctl.out.print("\033[H\033[2J"); // home and clear, as watch(1) does
            }
            if (ctl.json) {
                ctl.printJson(body);
            } else {
                ctl.out.print(table(JsonText.objects(body), Instant.now()));
            }
            ctl.out.flush();
            if (!watch) {
                return 0;
            }
            Thread.sleep(Duration.ofSeconds(Math.max(1, intervalSeconds)).toMillis());
        }
    }

    static String table(List<Map<String, Object>> children, Instant now) {
        Table t = new Table("ID", "KIND", "STATE", "PID", "UPTIME", "RESTARTS", "CPU", "MEM", "GEN");
        for (Map<String, Object> c : children) {
            String started = JsonText.string(c, "startedAt");
            long pid = (long) JsonText.number(c, "pid");
            t.row(
                    c.get("id"),
                    String.valueOf(c.get("kind")).toLowerCase(java.util.Locale.ROOT),
                    c.get("state"),
                    pid > 0 ? pid : null,
                    started == null ? null : Table.duration(Duration.between(Instant.parse(started), now)),
                    Table.number(JsonText.number(c, "restarts")),
                    Table.percent(JsonText.number(c, "latest", "values", "cpu")),
                    Table.bytes(JsonText.number(c, "latest", "values", "rssBytes")),
                    generation(c));
        }
        return t.render();
    }

    /** A plugin child's reload generation: 0 for {@code dice-roller}, 2 for {@code dice-roller.r2}; none for a service. */
    static String generation(Map<String, Object> child) {
        String plugin = JsonText.string(child, "plugin");
        String id = String.valueOf(child.get("id"));
        if (plugin == null) {
            return null;
        }
        String prefix = plugin + ".r";
        return id.startsWith(prefix) ? id.substring(prefix.length()) : "0";
    }

    /** {@code top [cpu|mem|events]}: the children that use the most, from their latest sample. */
    @Command(name = "top", description = "Children by CPU (default), memory or events delivered.")
    static final class Top implements Callable<Integer> {

        enum By {
            cpu,
            mem,
            events
        }

        @ParentCommand
        Ctl ctl;

        @Parameters(arity = "0..1", defaultValue = "cpu", description = "cpu, mem or events")
        By by;

        @Option(names = "-n", defaultValue = "10", description = "how many (default 10)")
        int count;

        @Override
        public Integer call() {
            String body = ctl.api().get("/children");
            if (ctl.json) {
                ctl.printJson(body);
                return 0;
            }
            List<Map<String, Object>> children = JsonText.objects(body).stream()
                    .filter(c -> !Double.isNaN(value(c)))
                    .sorted(Comparator.comparingDouble(this::value).reversed())
                    .limit(Math.max(1, count))
                    .toList();
            if (children.isEmpty()) {
                ctl.out.println("top " + by + ": no samples yet");
                return 0;
            }
            Table t = new Table("ID", by == By.events ? "EVENTS" : by == By.mem ? "MEM" : "CPU");
            for (Map<String, Object> c : children) {
                double v = value(c);
                t.row(c.get("id"), by == By.cpu ? Table.percent(v) : by == By.mem ? Table.bytes(v) : Table.number(v));
            }
            ctl.out.print(t.render());
            return 0;
        }

        private double value(Map<String, Object> c) {
            return switch (by) {
                case cpu -> JsonText.number(c, "latest", "values", "cpu");
                case mem -> JsonText.number(c, "latest", "values", "rssBytes");
                case events -> JsonText.number(c, "counters", "delivered");
            };
        }
    }
}
