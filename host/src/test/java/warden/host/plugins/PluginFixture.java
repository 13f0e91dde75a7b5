package warden.host.plugins;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import warden.host.config.PluginsConfig;
import warden.host.storage.Database;
import warden.host.supervisor.CrashRecord;
import warden.host.supervisor.Supervisor;

/**
 * A plugin host over the host's real supervisor, as the plugin tests want it: its database and data folder in {@code
 * dir/data}, staging (and the class-data archive beside it) under {@code dir}, the plugin folder polled every 100 ms.
 * Build it and close it on the test's host context.
 */
final class PluginFixture {

    final Database db;
    final Supervisor supervisor;
    final PluginHost host;

    PluginFixture(Vertx vertx, Path dir, PluginsConfig config) {
        try {
            db = Database.open(dir.resolve("data"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        supervisor = new Supervisor(vertx, db, dir.resolve("data"), Clock.systemUTC());
        host = new PluginHost(
                vertx, supervisor, db, config, dir.resolve(".staging"), Duration.ofMillis(100), Clock.systemUTC());
    }

    /** The process serving plugin {@code id} now; 0 when none does. */
    long pid(String id) {
        return supervisor.status(id).orElseThrow().pid();
    }

    /** Why plugin {@code id} crashed, newest first: the supervisor's crash records. */
    Future<List<String>> crashes(String id) {
        return supervisor
                .crashes(id, 100)
                .map(list -> list.stream().map(CrashRecord::reason).toList());
    }

    /** Stops every plugin child (the supervisor's shutdown) and closes the database. */
    Future<Void> close() {
        host.stop();
        return supervisor.close().eventually(() -> {
            db.close();
            return Future.succeededFuture();
        });
    }
}
