package warden.ctl;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import warden.host.config.ConfigException;
import warden.host.config.ConfigLoader;
import warden.host.config.ServiceConfig;
import warden.host.config.WardenConfig;

/** {@code update} (the host re-reads its file) and {@code check-config FILE} (checked here, as the host would). */
final class ConfigCommands {

    private ConfigCommands() {}

    @Command(
            name = "update",
            description = {
                "The host re-reads its config file and applies the difference: added services start, removed ones",
                "stop, changed ones restart, the others are not touched. A file with an error changes nothing."
            })
    static final class Update implements Callable<Integer> {

        @ParentCommand
        Ctl ctl;

        @Override
        public Integer call() {
            Api.Response r = ctl.api().call("POST", "/config/reload", "{}");
            if (!r.ok()) {
                throw new CtlException(CtlException.FAILED, "update failed: " + Api.message(r.body()));
            }
            if (ctl.json) {
                ctl.printJson(r.body());
                return 0;
            }
            Map<String, Object> diff = JsonText.object(r.body());
            if (Boolean.TRUE.equals(diff.get("empty"))) {
                ctl.out.println("config reloaded: nothing changed");
                return 0;
            }
            ctl.out.println("config reloaded:");
            line("added (started)", diff.get("added"));
            line("removed (stopped)", diff.get("removed"));
            line("changed (restarted)", diff.get("changed"));
            line("unchanged", diff.get("unchanged"));
            line("applied live", diff.get("appliedLive"));
            line("needs a host restart", diff.get("needsRestart"));
            return 0;
        }

        private void line(String label, Object ids) {
            if (ids instanceof List<?> l && !l.isEmpty()) {
                ctl.out.println("  " + label + ": "
                        + String.join(", ", l.stream().map(String::valueOf).toList()));
            }
        }
    }

    @Command(name = "check-config", description = "Check a config file as the host would load it; no host needed.")
    static final class CheckConfig implements Callable<Integer> {

        @ParentCommand
        Ctl ctl;

        @Parameters(paramLabel = "FILE", description = "the YAML file")
        Path file;

        @Override
        public Integer call() {
            WardenConfig config;
            try {
                config = new ConfigLoader(ctl.env, Path.of("")).load(file);
            } catch (ConfigException e) {
                if (ctl.json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("ok", false);
                    out.put("error", e.getMessage());
                    ctl.printJson(JsonText.write(out));
                } else {
                    ctl.err.println(e.getMessage());
                    ctl.err.println("warden ctl: " + file + " has errors");
                }
                return CtlException.FAILED;
            }
            List<String> ids = config.services().stream().map(ServiceConfig::id).toList();
            if (ctl.json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("ok", true);
                out.put("services", ids);
                out.put("data", config.data().toString());
                ctl.printJson(JsonText.write(out));
            } else {
                ctl.out.println(file + ": ok; services: " + (ids.isEmpty() ? "none" : String.join(", ", ids)));
            }
            return 0;
        }
    }
}
