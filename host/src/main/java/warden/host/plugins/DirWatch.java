package warden.host.plugins;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;

/**
 * Says when anything in one folder changed (inotify on Linux), so the {@link JarWatcher} polls only while something is
 * happening there instead of twice a second for the host's whole life (issue 16: no wake-ups faster than the metrics
 * interval while idle). It only wakes the poller: what changed is still found by listing, with the poller's debounce.
 * A folder that cannot be watched gives none, and the poller then polls all the time as before.
 */
final class DirWatch implements AutoCloseable {

    private final WatchService service;

    private DirWatch(WatchService service) {
        this.service = service;
    }

    /** Calls {@code changed} from its own thread for each batch of events in {@code dir}; null if it cannot watch. */
    static DirWatch open(Path dir, Runnable changed) {
        WatchService service;
        try {
            service = FileSystems.getDefault().newWatchService();
            dir.register(
                    service,
                    StandardWatchEventKinds.ENTRY_CREATE,
                    StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
        Thread t = new Thread(
                () -> {
                    try {
                        while (true) {
                            WatchKey key = service.take();
                            key.pollEvents(); // an overflow too: the listing finds what changed
                            changed.run();
                            if (!key.reset()) {
                                changed.run(); // the folder went away: the poller sees it and keeps polling
                                return;
                            }
                        }
                    } catch (InterruptedException | ClosedWatchServiceException e) {
                        // closed: the host is stopping
                    }
                },
                "warden-plugin-watch");
        t.setDaemon(true);
        t.start();
        return new DirWatch(service);
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // Closing a watch loses nothing.
        }
    }
}
