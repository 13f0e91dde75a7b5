package warden.host.storage;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The embedded SQLite file under the data dir ({@code warden.db}) that crash records, metric tiers, reloads and the
 * audit log live in.
 *
 * <p>One connection, used only by one dedicated thread: SQLite serialises writers anyway, and a single thread needs
 * no pool and no locks. Callers on a Vert.x context get their future completed back on that context, so the event
 * loop never waits on disk. Each capability owns its own tables; their definitions are the ordered migrations of
 * {@link Schema}, run by {@link #open} up to the {@code PRAGMA user_version} this build knows.
 */
public final class Database implements AutoCloseable {

    /** Work to run on the database thread. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Connection connection;
    private final ScheduledThreadPoolExecutor thread;

    private Database(Connection connection) {
        this.connection = connection;
        this.thread = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "warden-db");
            t.setDaemon(true);
            return t;
        });
    }

    /** Opens (creating if needed) {@code dataDir/warden.db}. Blocking: call at start-up, before the event loop runs. */
    public static Database open(Path dataDir) throws SQLException {
        try {
            Files.createDirectories(dataDir);
            // Owner-only before SQLite writes a byte: it gives its -wal and -shm files the database file's mode.
            PrivateFiles.secure(dataDir);
            PrivateFiles.create(dataDir.resolve("warden.db"));
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create data dir " + dataDir + ": " + e.getMessage(), e);
        }
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("warden.db"));
        try (Statement s = c.createStatement()) {
            // WAL plus NORMAL sync: a crash of the host loses at most the last transaction, and writers do not block
            // readers.
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL");
            s.execute("PRAGMA busy_timeout=5000");
            Schema.migrate(c);
        } catch (SQLException e) {
            c.close();
            throw e;
        }
        return new Database(c);
    }

    /**
     * Runs {@code work} on the database thread. The future completes on the caller's Vert.x context when there is one,
     * otherwise on the database thread.
     */
    public <T> Future<T> call(Work<T> work) {
        Promise<T> promise = Promise.promise();
        Future<T> reply = onCaller(promise.future());
        execute(c -> {
            try {
                promise.complete(work.run(c));
            } catch (Exception | LinkageError e) {
                promise.fail(e);
            }
        });
        return reply;
    }

    /**
     * True for the failures of a disk that is full, read-only or failing (SQLITE_READONLY, IOERR, FULL, CANTOPEN): the
     * same write may succeed later.
     */
    public static boolean isDiskError(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        return primary == 8 || primary == 10 || primary == 13 || primary == 14;
    }

    /**
     * {@code done}, completed on the calling thread's Vert.x context when it has one: call it on that thread, before
     * the work that completes {@code done} is handed to the database thread.
     */
    static <T> Future<T> onCaller(Future<T> done) {
        Context caller = Vertx.currentContext();
        if (caller == null) {
            return done;
        }
        Promise<T> relayed = Promise.promise();
        done.onComplete(ar -> caller.runOnContext(v -> relayed.handle(ar)));
        return relayed.future();
    }

    /** Runs on the database thread; ignored once closed. */
    void execute(java.util.function.Consumer<Connection> task) {
        try {
            thread.execute(() -> task.accept(connection));
        } catch (RejectedExecutionException e) {
            // Closed at shutdown: what still waits is lost with the process, as it would be in any case.
        }
    }

    /** Runs on the database thread after {@code delayMs}; ignored once closed. */
    void later(java.util.function.Consumer<Connection> task, long delayMs) {
        try {
            thread.schedule(() -> task.accept(connection), delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed at shutdown.
        }
    }

    /** Runs {@code work} on the database thread and waits: for start-up and shutdown only, never on an event loop. */
    public <T> T callBlocking(Work<T> work) throws Exception {
        return thread.submit(() -> work.run(connection)).get();
    }

    @Override
    public void close() {
        // Writes waiting for the disk get no more retries: the queue is in memory by design (see Backlog).
        thread.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        thread.shutdown();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
            connection.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            // Closing at shutdown: nothing left to save.
        }
    }
}
