package warden.host.metrics;

import java.util.List;
import java.util.Map;
import oshi.SystemInfo;
import oshi.hardware.CentralProcessor;
import oshi.hardware.GlobalMemory;
import oshi.hardware.NetworkIF;
import oshi.software.os.FileSystem;
import oshi.software.os.OSFileStore;

/** {@link SystemProbe} through OSHI, for the operating systems without /proc. */
final class OshiSystemProbe implements SystemProbe {

    private final CentralProcessor cpu;
    private final GlobalMemory memory;
    private final FileSystem fileSystem;
    private final SystemInfo system;
    private long[] previousTicks;
    private List<NetworkIF> interfaces;
    private final NetworkRates network = new NetworkRates();

    OshiSystemProbe(SystemInfo system) {
        this.system = system;
        this.cpu = system.getHardware().getProcessor();
        this.memory = system.getHardware().getMemory();
        this.fileSystem = system.getOperatingSystem().getFileSystem();
    }

    @Override
    public void read(Map<String, Double> out, boolean slow) {
        if (previousTicks != null) {
            out.put("cpu", 100.0 * cpu.getSystemCpuLoadBetweenTicks(previousTicks));
        }
        previousTicks = cpu.getSystemCpuLoadTicks();
        out.put("cores", (double) cpu.getLogicalProcessorCount());
        out.put("memTotalBytes", (double) memory.getTotal());
        out.put("memUsedBytes", (double) (memory.getTotal() - memory.getAvailable()));
        double load = cpu.getSystemLoadAverage(1)[0];
        if (load >= 0) { // negative where the OS has no load average (Windows)
            out.put("load1", load);
        }
        if (slow || interfaces == null) {
            interfaces = system.getHardware().getNetworkIFs();
        }
        long in = 0;
        long sent = 0;
        for (NetworkIF nif : interfaces) {
            nif.updateAttributes();
            in += nif.getBytesRecv();
            sent += nif.getBytesSent();
        }
        network.put(in, sent, out);
        for (OSFileStore store : fileSystem.getFileStores(true)) {
            if (store.getTotalSpace() > 0) {
                out.put("disk.totalBytes:" + store.getMount(), (double) store.getTotalSpace());
                out.put("disk.usedBytes:" + store.getMount(), (double)
                        (store.getTotalSpace() - store.getUsableSpace()));
            }
        }
    }

    @Override
    public Map<String, Double> counters() {
        return network.totals();
    }
}
