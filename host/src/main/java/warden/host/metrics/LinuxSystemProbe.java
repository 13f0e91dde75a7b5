package warden.host.metrics;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@link SystemProbe} over /proc/stat, /proc/meminfo, /proc/loadavg and /proc/net/dev, held open ({@link ProcText}),
 * and /proc/mounts, read every 30 s for the disks.
 */
final class LinuxSystemProbe implements SystemProbe {

    /** Filesystems that hold no user data; counting them would only add noise. */
    private static final Set<String> PSEUDO = Set.of(
            "proc",
            "sysfs",
            "devtmpfs",
            "devpts",
            "tmpfs",
            "ramfs",
            "cgroup",
            "cgroup2",
            "securityfs",
            "pstore",
            "bpf",
            "tracefs",
            "debugfs",
            "mqueue",
            "hugetlbfs",
            "configfs",
            "fusectl",
            "autofs",
            "binfmt_misc",
            "nsfs",
            "squashfs",
            "efivarfs",
            "rpc_pipefs",
            "selinuxfs",
            "fuse.lxcfs");

    private static final int MAX_FILESYSTEMS = 16;

    private long previousBusy = -1;
    private long previousTotal = -1;
    private final NetworkRates network = new NetworkRates();
    private Map<String, Double> disks = Map.of();
    private final ProcText stat = new ProcText(Path.of("/proc/stat"));
    private final ProcText meminfo = new ProcText(Path.of("/proc/meminfo"));
    private final ProcText loadavg = new ProcText(Path.of("/proc/loadavg"));
    private final ProcText netDev = new ProcText(Path.of("/proc/net/dev"));

    @Override
    public void read(Map<String, Double> out, boolean slow) throws IOException {
        readCpu(out);
        readMemory(out);
        loadavg.read();
        out.put("load1", Double.parseDouble(loadavg.word()));
        readNetwork(out);
        if (slow || disks.isEmpty()) {
            disks = readDisks();
        }
        out.putAll(disks);
    }

    private void readCpu(Map<String, Double> out) throws IOException {
        stat.read();
        long total = 0;
        long idle = 0;
        for (int i = 1; i <= 8; i++) { // user..steal after "cpu"; guest is already inside user
            long v = Math.max(0, stat.number());
            total += v;
            if (i == 4 || i == 5) { // idle + iowait
                idle += v;
            }
        }
        long busy = total - idle;
        if (previousTotal >= 0 && total > previousTotal) {
            out.put("cpu", 100.0 * (busy - previousBusy) / (total - previousTotal));
        }
        previousBusy = busy;
        previousTotal = total;
        long cores = 0;
        for (stat.nextLine(); !stat.done(); stat.nextLine()) {
            if (stat.at("cpu") && Character.isDigit(stat.peek(3))) {
                cores++;
            }
        }
        out.put("cores", (double) cores);
    }

    private void readMemory(Map<String, Double> out) throws IOException {
        long total = 0;
        long available = 0;
        for (meminfo.read(); !meminfo.done(); meminfo.nextLine()) {
            if (meminfo.at("MemTotal:")) {
                total = meminfo.number() * 1024;
            } else if (meminfo.at("MemAvailable:")) {
                available = meminfo.number() * 1024;
            }
        }
        out.put("memTotalBytes", (double) total);
        out.put("memUsedBytes", (double) (total - available));
    }

    private void readNetwork(Map<String, Double> out) throws IOException {
        long in = 0;
        long outBytes = 0;
        for (netDev.read(); !netDev.done(); netDev.nextLine()) {
            netDev.skipSpaces();
            if (netDev.at("lo:") || !netDev.skipPast(':')) {
                continue; // loopback, or a header line
            }
            long received = netDev.number();
            for (int i = 1; i < 8; i++) {
                netDev.number();
            }
            in += Math.max(0, received);
            outBytes += Math.max(0, netDev.number());
        }
        network.put(in, outBytes, out);
    }

    private static Map<String, Double> readDisks() throws IOException {
        Map<String, Double> disks = new LinkedHashMap<>();
        Set<String> devices = new HashSet<>();
        for (String line : Files.readAllLines(Path.of("/proc/mounts"))) {
            String[] f = line.split(" ");
            if (f.length < 3 || PSEUDO.contains(f[2]) || !devices.add(f[0]) || devices.size() > MAX_FILESYSTEMS) {
                continue;
            }
            String mount = f[1].replace("\\040", " ");
            try {
                FileStore store = Files.getFileStore(Path.of(mount));
                long total = store.getTotalSpace();
                if (total > 0) {
                    disks.put("disk.totalBytes:" + mount, (double) total);
                    disks.put("disk.usedBytes:" + mount, (double) (total - store.getUnallocatedSpace()));
                }
            } catch (IOException | SecurityException e) {
                // Unreadable mount point (permissions, a stale network mount): leave it out.
            }
        }
        return disks;
    }

    @Override
    public Map<String, Double> counters() {
        return network.totals();
    }

    @Override
    public void close() {
        stat.close();
        meminfo.close();
        loadavg.close();
        netDev.close();
    }
}
