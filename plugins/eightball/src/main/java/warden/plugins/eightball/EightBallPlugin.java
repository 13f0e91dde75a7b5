package warden.plugins.eightball;

import java.util.List;
import java.util.Random;
import org.pf4j.Extension;
import org.pf4j.Plugin;
import warden.api.ChatCommand;
import warden.api.PluginContext;

/** {@code !8ball will it rain?}: the classic magic 8-ball. */
public class EightBallPlugin extends Plugin {

    /** Answers a yes/no question at random. */
    @Extension
    public static class EightBall implements ChatCommand {

        private static final List<String> ANSWERS = List.of(
                "It is certain.",
                "Without a doubt.",
                "You may rely on it.",
                "Most likely.",
                "Signs point to yes.",
                "Reply hazy, try again.",
                "Ask again later.",
                "Cannot predict now.",
                "Don't count on it.",
                "My sources say no.",
                "Outlook not so good.",
                "Very doubtful.");

        private final Random random = new Random();

        @Override
        public String name() {
            return "8ball";
        }

        @Override
        public String usage() {
            return "8ball <question>";
        }

        @Override
        public String help() {
            return "Answers a yes/no question.";
        }

        @Override
        public void handle(PluginContext context, List<String> args) {
            if (args.isEmpty()) {
                context.reply("ask me a question: " + usage());
                return;
            }
            context.reply(ANSWERS.get(random.nextInt(ANSWERS.size())));
        }
    }
}
