package warden.host.metrics;

import java.io.IOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** {@link SystemProbe} over /proc/stat, /proc/meminfo, /proc/loadavg, /proc/net/dev and /proc/mounts. */
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

    @Override
    public void read(Map<String, Double> out, boolean slow) throws IOException {
        readCpu(out);
        readMemory(out);
        String load = Files.readString(Path.of("/proc/loadavg"));
        out.put("load1", Double.parseDouble(load.substring(0, load.indexOf(' '))));
        readNetwork(out);
        if (slow || disks.isEmpty()) {
            disks = readDisks();
        }
        out.putAll(disks);
    }

    private void readCpu(Map<String, Double> out) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc/stat"));
        String[] f = lines.get(0).trim().split("\\s+");
        long total = 0;
        for (int i = 1; i < f.length && i <= 8; i++) { // user..steal; guest is already inside user
            total += Long.parseLong(f[i]);
        }
        long idle = Long.parseLong(f[4]) + Long.parseLong(f[5]); // idle + iowait
        long busy = total - idle;
        if (previousTotal >= 0 && total > previousTotal) {
            out.put("cpu", 100.0 * (busy - previousBusy) / (total - previousTotal));
        }
        previousBusy = busy;
        previousTotal = total;
        long cores = lines.stream()
                .filter(l -> l.startsWith("cpu") && l.length() > 3 && Character.isDigit(l.charAt(3)))
                .count();
        out.put("cores", (double) cores);
    }

    private static void readMemory(Map<String, Double> out) throws IOException {
        long total = 0;
        long available = 0;
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) {
                total = kib(line);
            } else if (line.startsWith("MemAvailable:")) {
                available = kib(line);
            }
        }
        out.put("memTotalBytes", (double) total);
        out.put("memUsedBytes", (double) (total - available));
    }

    private static long kib(String line) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
    }

    private void readNetwork(Map<String, Double> out) throws IOException {
        long in = 0;
        long outBytes = 0;
        for (String line : Files.readAllLines(Path.of("/proc/net/dev"))) {
            int colon = line.indexOf(':');
            if (colon < 0 || line.substring(0, colon).trim().equals("lo")) {
                continue;
            }
            String[] f = line.substring(colon + 1).trim().split("\\s+");
            in += Long.parseLong(f[0]);
            outBytes += Long.parseLong(f[8]);
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
}
