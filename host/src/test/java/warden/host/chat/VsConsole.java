package warden.host.chat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Test child: a tiny Vintage Story console. Prints the dedicated server's lines (ready, joins, leaves, chat, announce
 * echoes) in its stdout format, driven by the same stdin hooks as the bundled simulator: {@code /sim join NAME},
 * {@code /sim leave NAME}, {@code /sim chat NAME MESSAGE}; {@code /announce TEXT} and {@code /stop} as the real
 * server.
 */
public final class VsConsole {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("d.M.yyyy HH:mm:ss");

    public static void main(String[] args) throws Exception {
        Set<String> players = new LinkedHashSet<>();
        print("Notification", "Server v1.20.8 (test console)");
        print("Event", "Dedicated Server now running on Port 42420 and all ips!");
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        int port = 40000;
        String line;
        while ((line = in.readLine()) != null) {
            String[] w = line.strip().split("\\s+", 4);
            if (w[0].equals("/sim") && w.length >= 3) {
                switch (w[1]) {
                    case "join" -> {
                        players.add(w[2]);
                        print("Event", w[2] + " [::ffff:127.0.0.1]:" + port++ + " joins.");
                    }
                    case "leave" -> {
                        players.remove(w[2]);
                        print("Event", "Player " + w[2] + " left.");
                    }
                    case "chat" -> print(
                            "Chat", "0 | " + w[2] + ": " + (w.length > 3 ? w[3] : "").replace("<", "&lt;"));
                    default -> print("Notification", "Unknown sim hook " + w[1]);
                }
            } else if (w[0].equals("/announce")) {
                print("Notification", "Handling Console Command " + line.strip());
                print(
                        "Event",
                        "Server announced: "
                                + line.strip().substring("/announce".length()).strip() + ".");
            } else if (w[0].equals("/stop")) {
                for (String p : players) {
                    print("Event", "Player " + p + " got removed. Reason: Server shutting down - Exit request");
                }
                print("Event", "Stopped the server!");
                System.exit(0);
            }
        }
    }

    private static void print(String type, String message) {
        System.out.println(LocalDateTime.now().format(STAMP) + " [Server " + type + "] " + message);
        System.out.flush();
    }
}
