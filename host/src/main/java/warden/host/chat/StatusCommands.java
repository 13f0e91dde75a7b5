package warden.host.chat;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import warden.host.plugins.PluginInfo;
import warden.host.supervisor.ChildState;
import warden.host.supervisor.ChildStatus;

/**
 * {@code !help}, {@code !status}, {@code !players} and {@code !plugins}: what runs, not how much it uses, so anyone
 * may ask (the metrics are for admins). They only read the host's current state, so each answers at once.
 */
final class StatusCommands {

    private final Host host;
    private final PlayerRoster roster;
    private final ChildNames names;
    private final Clock clock;
    private final String prefix;
    private final String dashboardUrl;

    StatusCommands(Host host, PlayerRoster roster, ChildNames names, Clock clock, String prefix, String dashboardUrl) {
        this.host = host;
        this.roster = roster;
        this.names = names;
        this.clock = clock;
        this.prefix = prefix;
        this.dashboardUrl = dashboardUrl;
    }

    List<String> help() {
        String p = prefix;
        List<String> lines = new ArrayList<>();
        lines.add(p + "status " + p + "players " + p + "plugins · admins: " + p + "metrics <child> [5m] " + p
                + "top [cpu|mem|events] " + p + "crashes <child> " + p + "restart|stop|start|reload <child> " + p
                + "alerts "
                + p + "silence <rule|child> <duration> " + p + "ack <id>");
        String pluginCommands = host.plugins().stream()
                .flatMap(info -> info.commands().stream())
                .map(c -> p + c)
                .distinct()
                .collect(Collectors.joining(" "));
        if (!pluginCommands.isEmpty()) {
            lines.add("plugins: " + pluginCommands);
        }
        return lines;
    }

    List<String> status() {
        List<ChildStatus> children = host.children();
        long running =
                children.stream().filter(c -> c.state() == ChildState.RUNNING).count();
        List<ChildStatus> down =
                children.stream().filter(c -> c.state() != ChildState.RUNNING).toList();
        String first = ChatText.count(children.size(), "child", "children") + ": " + running + " running, "
                + down.size() + " not running";
        try {
            var system = host.system();
            first += " · host up " + ChatText.duration(system.hostUptime()) + " · "
                    + ChatText.bytes(system.totalRssBytes()) + " RSS · " + system.eventsTotal() + " events";
        } catch (RuntimeException e) {
            // Metrics not sampled yet: the children's states are still worth saying.
        }
        List<String> lines = new ArrayList<>(List.of(first));
        if (!down.isEmpty()) {
            String list = down.stream()
                    .limit(4)
                    .map(c -> c.id() + " " + c.state() + " " + ChatText.ago(c.stateSince(), clock.instant()))
                    .collect(Collectors.joining(", "));
            lines.add("not running: " + list + (down.size() > 4 ? ", +" + (down.size() - 4) + " more" : ""));
        }
        return lines;
    }

    List<String> players() {
        List<String> games = roster.games();
        if (games.isEmpty()) {
            return List.of("no game server is watched");
        }
        List<String> lines = new ArrayList<>();
        for (String game : games.subList(0, Math.min(3, games.size()))) {
            List<String> online = roster.online(game);
            if (online.isEmpty()) {
                lines.add(game + ": nobody online");
            } else {
                String names = String.join(", ", online.subList(0, Math.min(10, online.size())));
                lines.add(game + ": " + online.size() + " online: " + names
                        + (online.size() > 10 ? ", +" + (online.size() - 10) + " more" : ""));
            }
        }
        return lines;
    }

    List<String> plugins() {
        List<PluginInfo> plugins = host.plugins();
        if (plugins.isEmpty()) {
            return List.of("no plugins loaded");
        }
        String list = plugins.stream()
                .limit(6)
                .map(info -> info.id() + " " + info.version() + " "
                        + names.resolve(info.id())
                                .flatMap(host::status)
                                .map(s -> s.state().toString())
                                .orElse("?"))
                .collect(Collectors.joining(", "));
        String line = ChatText.count(plugins.size(), "plugin", "plugins") + ": " + list;
        return plugins.size() > 6
                ? List.of(line, "+" + (plugins.size() - 6) + " more: " + ChatText.dashboard(dashboardUrl, "#/plugins"))
                : List.of(line);
    }
}
