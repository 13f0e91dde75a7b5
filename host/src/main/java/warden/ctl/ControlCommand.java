package warden.ctl;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code start|stop|restart|reload <id|glob|all>...}: the action on each matching child in turn, as the dashboard's
 * buttons do it. Exit code 1 if it failed for any of them (the others are still done), or nothing matched.
 */
abstract class ControlCommand implements Callable<Integer> {

    @ParentCommand
    Ctl ctl;

    @Parameters(arity = "1..*", paramLabel = "<id|glob|all>", description = "child ids, globs such as 'dice-*', or all")
    List<String> targets;

    abstract String action();

    @Override
    public Integer call() {
        List<String> ids = matching(targets, JsonText.objects(ctl.api().get("/children")));
        if (ids.isEmpty()) {
            throw new CtlException(CtlException.FAILED, "no child matches " + String.join(" ", targets));
        }
        int failed = 0;
        List<String> answers = new ArrayList<>();
        for (String id : ids) {
            Api.Response r = ctl.api().call("POST", "/children/" + Api.path(id) + "/" + action(), "{}");
            if (r.ok()) {
                answers.add(r.body());
                Map<String, Object> status = JsonText.object(r.body());
                if (!ctl.json) {
                    long pid = (long) JsonText.number(status, "status", "pid");
                    ctl.out.println(id + ": " + action() + " done, now " + JsonText.string(status, "status", "state")
                            + (pid > 0 ? " (pid " + pid + ")" : ""));
                }
            } else {
                failed++;
                answers.add(r.body());
                ctl.err.println("warden ctl: " + id + ": " + action() + " failed: " + Api.message(r.body()));
            }
        }
        if (ctl.json) {
            ctl.printJson("[" + String.join(",", answers) + "]");
        }
        return failed == 0 ? 0 : CtlException.FAILED;
    }

    /** In the order the host lists its children; a plain id the host does not know is kept, so the API says so. */
    static List<String> matching(List<String> targets, List<Map<String, Object>> children) {
        List<String> known =
                children.stream().map(c -> String.valueOf(c.get("id"))).toList();
        Set<String> out = new LinkedHashSet<>();
        for (String target : targets) {
            if (target.equals("all")) {
                out.addAll(known);
            } else if (target.contains("*") || target.contains("?")) {
                Pattern glob = glob(target);
                known.stream().filter(id -> glob.matcher(id).matches()).forEach(out::add);
            } else {
                out.add(target);
            }
        }
        return List.copyOf(out);
    }

    static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char ch : glob.toCharArray()) {
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString());
    }

    @Command(name = "start", description = "Start stopped, backing-off or failed children now.")
    static final class Start extends ControlCommand {
        @Override
        String action() {
            return "start";
        }
    }

    @Command(name = "stop", description = "Stop children gracefully (stop command, SIGTERM, then SIGKILL).")
    static final class Stop extends ControlCommand {
        @Override
        String action() {
            return "stop";
        }
    }

    @Command(name = "restart", description = "Stop, then start children.")
    static final class Restart extends ControlCommand {
        @Override
        String action() {
            return "restart";
        }
    }

    @Command(name = "reload", description = "Reload plugins blue/green from their jar (plugins only).")
    static final class Reload extends ControlCommand {
        @Override
        String action() {
            return "reload";
        }
    }
}
