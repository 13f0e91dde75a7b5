package warden.plugins.dice;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.pf4j.Extension;
import org.pf4j.Plugin;
import warden.api.ChatCommand;
import warden.api.PluginContext;

/** {@code !roll 2d6}: rolls dice and shows each die and the sum. */
public class DicePlugin extends Plugin {

    /** The command itself; the plugin class has nothing to set up. */
    @Extension
    public static class Roll implements ChatCommand {

        private static final Pattern DICE = Pattern.compile("(\\d{0,3})d(\\d{1,4})");
        private static final int MAX_DICE = 100;
        private static final int MAX_SIDES = 1000;

        private final Random random = new Random();

        @Override
        public String name() {
            return "roll";
        }

        @Override
        public String usage() {
            return "roll [count]d<sides>, e.g. roll 2d6";
        }

        @Override
        public String help() {
            return "Rolls dice: up to " + MAX_DICE + " dice of 2 to " + MAX_SIDES + " sides.";
        }

        @Override
        public void handle(PluginContext context, List<String> args) {
            String spec = args.isEmpty() ? "1d6" : args.get(0).toLowerCase();
            Matcher m = DICE.matcher(spec);
            if (args.size() > 1 || !m.matches()) {
                context.reply("usage: " + usage());
                return;
            }
            int count = m.group(1).isEmpty() ? 1 : Integer.parseInt(m.group(1));
            int sides = Integer.parseInt(m.group(2));
            if (count < 1 || count > MAX_DICE || sides < 2 || sides > MAX_SIDES) {
                context.reply("between 1 and " + MAX_DICE + " dice of 2 to " + MAX_SIDES + " sides, please");
                return;
            }
            List<String> faces = new ArrayList<>(count);
            int sum = 0;
            for (int i = 0; i < count; i++) {
                int face = 1 + random.nextInt(sides);
                faces.add(Integer.toString(face));
                sum += face;
            }
            String who = context.user().isEmpty() ? "" : context.user() + " ";
            context.reply(who + "rolled " + count + "d" + sides + ": " + String.join(" + ", faces) + " = " + sum);
            context.count("rolls", 1);
        }
    }
}
