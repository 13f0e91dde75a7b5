package warden.host.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import warden.host.bus.Addresses;

/** The email channel against a real SMTP server (GreenMail), with a login whose password comes from the environment. */
class EmailChannelTest {

    @TempDir
    Path dir;

    private final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    private AlertHarness harness;

    @AfterEach
    void close() throws Exception {
        if (harness != null) {
            harness.close();
        }
        smtp.stop();
    }

    @Test
    void aCrashLoopIsMailedWithTheLastLines() throws Exception {
        smtp.start();
        smtp.setUser("warden@example.org", "warden", "mail-secret");
        harness = new AlertHarness(
                dir,
                """
                channels:
                  - name: mail
                    type: email
                    to: [ops@example.org]
                    smtp: {host: 127.0.0.1, port: %d, from: warden@example.org, username: warden,
                           passwordEnv: SMTP_PASSWORD, starttls: disabled}
                """
                        .formatted(smtp.getSmtp().getPort()),
                Map.of("SMTP_PASSWORD", "mail-secret"),
                List::of);
        harness.publish(
                Addresses.CHILD_STATE,
                new JsonObject().put("id", "game").put("state", "FAILED").put("reason", "crash loop: 3 crashes in 1m"));

        assertTrue(smtp.waitForIncomingEmail(20_000, 1), "no mail arrived");
        MimeMessage mail = smtp.getReceivedMessages()[0];
        assertEquals(
                "[FIRING critical] crash-loop game: game is FAILED: crash loop: 3 crashes in 1m", mail.getSubject());
        assertEquals("ops@example.org", mail.getAllRecipients()[0].toString());
        String body = GreenMailUtil.getBody(mail).replace("\r\n", "\n").strip();
        assertEquals(
                "[FIRING critical] crash-loop game: game is FAILED: crash loop: 3 crashes in 1m\n----\nboom\n----",
                body);
        List<HistoryEntry> h =
                harness.historyWhen(l -> l.stream().anyMatch(e -> e.kind().equals("delivery")));
        assertEquals(
                List.of("mail ok"),
                h.stream()
                        .filter(e -> e.kind().equals("delivery"))
                        .map(e -> e.channel() + " " + e.outcome())
                        .toList());
    }
}
