package warden.ctl;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code metrics <id> [--window 1h]}: CPU and memory of a child (or {@code host}, {@code system}) over a window. */
@Command(name = "metrics", description = "Aggregates of a child's CPU and memory over a window.")
final class MetricsCommand implements Callable<Integer> {

    @ParentCommand
    Ctl ctl;

    @Parameters(paramLabel = "<id>", description = "a child id, host or system")
    String id;

    @Option(names = "--window", defaultValue = "1h", description = "90s, 5m, 1h, 7d... (default 1h)")
    String window;

    @Option(names = "--series", defaultValue = "cpu,rssBytes", description = "which series (default cpu,rssBytes)")
    String series;

    @Override
    public Integer call() {
        String body = ctl.api()
                .get("/series/" + Api.path(id) + "/aggregates" + Api.query(Map.of("window", window, "series", series)));
        if (ctl.json) {
            ctl.printJson(body);
            return 0;
        }
        Object json = JsonText.parse(body);
        ctl.out.println(id + " over " + window + " (" + JsonText.string(json, "from") + " to "
                + JsonText.string(json, "to") + ")");
        Table t = new Table("SERIES", "SAMPLES", "AVG", "MIN", "MAX", "P50", "P95", "P99");
        if (JsonText.at(json, "aggregates") instanceof Map<?, ?> all) {
            for (Object name : all.keySet()) {
                Object a = all.get(name);
                boolean isBytes = name.toString().endsWith("Bytes");
                t.row(
                        name,
                        Table.number(JsonText.number(a, "count")),
                        format(JsonText.number(a, "avg"), isBytes),
                        format(JsonText.number(a, "min"), isBytes),
                        format(JsonText.number(a, "max"), isBytes),
                        format(JsonText.number(a, "p50"), isBytes),
                        format(JsonText.number(a, "p95"), isBytes),
                        format(JsonText.number(a, "p99"), isBytes));
            }
        }
        ctl.out.print(t.render());
        return 0;
    }

    private static String format(double v, boolean isBytes) {
        return isBytes ? Table.bytes(v) : Table.number(v);
    }
}
