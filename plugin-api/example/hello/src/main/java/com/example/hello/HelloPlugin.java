package com.example.hello;

import java.util.List;
import org.pf4j.Extension;
import org.pf4j.Plugin;
import warden.api.ChatCommand;
import warden.api.PluginContext;

public class HelloPlugin extends Plugin {

    @Extension
    public static class Hello implements ChatCommand {
        @Override
        public String name() {
            return "hello";
        }

        @Override
        public String usage() {
            return "hello [name]";
        }

        @Override
        public String help() {
            return "Greets you, or someone else.";
        }

        @Override
        public void handle(PluginContext ctx, List<String> args) {
            String who = args.isEmpty() ? ctx.user() : args.get(0);
            long n = ctx.count("greetings", 1);
            ctx.reply("Hello, " + who + "! (greeting #" + n + ")");
        }
    }
}
