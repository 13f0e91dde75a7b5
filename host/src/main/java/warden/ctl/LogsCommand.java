package warden.ctl;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code logs [-f] [-n N] [--grep RE] <id>}: a child's last output lines from the host's in-memory tail; {@code -f}
 * then follows the live stream ({@code /api/v1/stream?logs=<id>}) until Ctrl-C, like {@code tail -f}.
 *
 * <p>The stream is opened before the tail is read, so no line falls between them; a line in both is printed once.
 */
@Command(name = "logs", description = "A child's recent output; -f follows it.")
final class LogsCommand implements Callable<Integer> {

    /** The most the host keeps in memory per child; a --grep looks through all of it. */
    private static final int WHOLE_TAIL = 10_000;

    @ParentCommand
    Ctl ctl;

    @Option(
            names = {"-f", "--follow"},
            description = "keep printing new lines until Ctrl-C")
    boolean follow;

    @Option(
            names = {"-n", "--lines"},
            defaultValue = "50",
            description = "lines from the tail (default 50)")
    int lines;

    @Option(names = "--grep", paramLabel = "RE", description = "only lines matching this regular expression")
    String grep;

    @Parameters(paramLabel = "<id>", description = "the child")
    String id;

    private Pattern filter;

    @Override
    public Integer call() {
        try {
            filter = grep == null ? null : Pattern.compile(grep);
        } catch (PatternSyntaxException e) {
            throw new CtlException(CtlException.USAGE, "--grep: not a regular expression: " + e.getDescription());
        }
        if (!follow) {
            printTail();
            return 0;
        }
        Set<String> printed = new HashSet<>();
        Instant[] last = {Instant.MIN};
        ctl.api().stream("/stream" + Api.query(Map.of("logs", id)), (event, data) -> {
            if (event.equals("comment") && data.equals("warden stream")) {
                for (Map<String, Object> line : printTail()) {
                    last[0] = at(line);
                    printed.add(key(line));
                }
            } else if (event.equals("output")) {
                Object batch = JsonText.at(JsonText.parse(data), "lines");
                for (Object o : batch instanceof List<?> l ? l : List.of()) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> line = (Map<String, Object>) o;
                    Instant at = at(line);
                    if (at.isBefore(last[0]) || (at.equals(last[0]) && printed.contains(key(line)))) {
                        continue;
                    }
                    if (matches(line)) {
                        print(line);
                    }
                }
                ctl.out.flush();
            }
            return true;
        });
        return 0;
    }

    /** Prints the last {@link #lines} matching lines of the tail; returns every line read, matching or not. */
    private List<Map<String, Object>> printTail() {
        int fetch = filter == null ? Math.max(1, lines) : WHOLE_TAIL;
        List<Map<String, Object>> all = JsonText.objects(
                ctl.api().get("/children/" + Api.path(id) + "/logs" + Api.query(Map.of("lines", "" + fetch))));
        List<Map<String, Object>> kept = new ArrayList<>();
        for (Map<String, Object> line : all) {
            if (matches(line)) {
                kept.add(line);
            }
        }
        List<Map<String, Object>> shown = kept.subList(Math.max(0, kept.size() - Math.max(0, lines)), kept.size());
        if (ctl.json && !follow) {
            ctl.printJson(JsonText.write(shown));
        } else {
            shown.forEach(this::print);
        }
        ctl.out.flush();
        return all;
    }

    private boolean matches(Map<String, Object> line) {
        return filter == null
                || filter.matcher(String.valueOf(line.get("text"))).find();
    }

    /** A followed line in {@code --json} is one JSON object per line, so it can be piped into jq. */
    private void print(Map<String, Object> line) {
        ctl.out.println(ctl.json ? JsonText.write(line) : String.valueOf(line.get("text")));
    }

    private static Instant at(Map<String, Object> line) {
        return Instant.parse(String.valueOf(line.get("at")));
    }

    private static String key(Map<String, Object> line) {
        return line.get("at") + " " + line.get("stream") + " " + line.get("text");
    }
}
