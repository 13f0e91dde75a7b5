package warden.plugins.counter;

import java.util.List;
import org.pf4j.Extension;
import org.pf4j.Plugin;
import warden.api.ChatCommand;
import warden.api.ChatLine;
import warden.api.EventListener;
import warden.api.PluginContext;

/**
 * Counts chat lines and {@code !count} calls in plugin-side counters, which the host shows in its metrics. {@code
 * !count} answers with both.
 */
public class CounterPlugin extends Plugin {

    /** {@code !count}: bumps and shows the counters. */
    @Extension
    public static class Count implements ChatCommand {

        @Override
        public String name() {
            return "count";
        }

        @Override
        public String help() {
            return "Counts how often it was called, and how many chat lines it has seen.";
        }

        @Override
        public void handle(PluginContext context, List<String> args) {
            long calls = context.count("count.calls", 1);
            long lines = context.counter("chat.lines");
            context.reply("count called " + (calls == 1 ? "once" : calls + " times") + "; " + lines
                    + (lines == 1 ? " chat line" : " chat lines") + " seen");
        }
    }

    /** Sees every chat line. */
    @Extension
    public static class Lines implements EventListener {

        @Override
        public void onChat(PluginContext context, ChatLine line) {
            context.count("chat.lines", 1);
        }
    }
}
