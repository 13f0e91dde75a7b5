package warden.host.chat;

import io.vertx.core.eventbus.EventBus;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import warden.host.bus.Addresses;

/**
 * Who is online on each watched game server, as read from its output. Every change is published on {@link
 * Addresses#GAME_PLAYER}; the count is the {@code players} series of the game child.
 *
 * <p>Owned by {@link ChatService} on the host context; the game connector writes, commands and metrics read.
 */
final class PlayerRoster {

    private final EventBus bus;
    private final Clock clock;
    private final Map<String, Set<String>> online = new LinkedHashMap<>();
    private final Map<String, Map<String, Instant>> since = new LinkedHashMap<>();
    private final Map<String, ArrayDeque<PlayerEvent>> recent = new LinkedHashMap<>();

    /** Joins and leaves kept per game for the dashboard's markers; older ones drop off. */
    static final int RECENT_EVENTS = 500;

    PlayerRoster(EventBus bus, Clock clock) {
        this.bus = bus;
        this.clock = clock;
    }

    /** Starts watching a game child with nobody online, so its count reads 0 rather than being absent. */
    void watch(String childId) {
        online.computeIfAbsent(childId, id -> new LinkedHashSet<>());
    }

    void join(String childId, String player) {
        if (players(childId).add(player)) {
            publish(childId, player, "join", null);
        }
    }

    void leave(String childId, String player, String reason) {
        if (players(childId).remove(player)) {
            publish(childId, player, "leave", reason);
        }
    }

    /** Minetest prints the whole list on every join and leave: the list wins over what was counted. */
    void replace(String childId, Collection<String> now) {
        Set<String> current = players(childId);
        for (String gone : List.copyOf(current)) {
            if (!now.contains(gone)) {
                leave(childId, gone, "left");
            }
        }
        for (String player : now) {
            join(childId, player);
        }
    }

    /** The server exited: everybody is gone, whether or not it said so (Minetest logs no leaves at shutdown). */
    void reset(String childId, String reason) {
        for (String player : List.copyOf(players(childId))) {
            leave(childId, player, reason);
        }
    }

    /** The players online, in the order they joined. */
    List<String> online(String childId) {
        Set<String> set = online.get(childId);
        return set == null ? List.of() : new ArrayList<>(set);
    }

    /** When each player online came, in join order. */
    Map<String, Instant> onlineSince(String childId) {
        Map<String, Instant> m = since.get(childId);
        return m == null ? Map.of() : new LinkedHashMap<>(m);
    }

    /** The last joins and leaves of {@code childId} since this host started, oldest first. */
    List<PlayerEvent> events(String childId) {
        ArrayDeque<PlayerEvent> q = recent.get(childId);
        return q == null ? List.of() : List.copyOf(q);
    }

    /** The watched game children. */
    List<String> games() {
        return new ArrayList<>(online.keySet());
    }

    Map<String, Double> series(String childId) {
        Set<String> set = online.get(childId);
        return set == null ? Map.of() : Map.of("players", (double) set.size());
    }

    private Set<String> players(String childId) {
        return online.computeIfAbsent(childId, id -> new LinkedHashSet<>());
    }

    private void publish(String childId, String player, String event, String reason) {
        Instant at = clock.instant();
        Map<String, Instant> joined = since.computeIfAbsent(childId, id -> new LinkedHashMap<>());
        if (event.equals("join")) {
            joined.put(player, at);
        } else {
            joined.remove(player);
        }
        ArrayDeque<PlayerEvent> q = recent.computeIfAbsent(childId, id -> new ArrayDeque<>());
        q.addLast(new PlayerEvent(childId, player, event, at, reason));
        if (q.size() > RECENT_EVENTS) {
            q.removeFirst();
        }
        JsonObject body = new JsonObject()
                .put("childId", childId)
                .put("player", player)
                .put("event", event)
                .put("players", online.get(childId).size())
                .put("at", at.toString());
        if (reason != null) {
            body.put("reason", reason);
        }
        bus.publish(Addresses.GAME_PLAYER, body);
    }
}
