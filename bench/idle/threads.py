#!/usr/bin/env python3
"""Per-thread CPU (schedstat run time) and wake-ups (voluntary + involuntary context switches) of one process over a
window, from /proc only. Usage: threads.py PID SECONDS"""
import os
import sys
import time


def snap(pid):
    out = {}
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{t}/comm") as f:
                comm = f.read().strip()
            with open(f"/proc/{pid}/task/{t}/schedstat") as f:
                ns = int(f.read().split()[0])
            with open(f"/proc/{pid}/task/{t}/status") as f:
                switches = sum(int(line.split()[1]) for line in f
                               if line.startswith(("voluntary_ctxt", "nonvoluntary_ctxt")))
            out[t] = (comm, ns, switches)
        except OSError:
            pass  # the thread ended during the snapshot
    return out


def main():
    pid, window = int(sys.argv[1]), float(sys.argv[2])
    a = snap(pid)
    t0 = time.monotonic()
    time.sleep(window)
    b = snap(pid)
    span = time.monotonic() - t0
    rows = sorted(((ns - a.get(t, ("", 0, 0))[1], cs - a.get(t, ("", 0, 0))[2], comm, t)
                   for t, (comm, ns, cs) in b.items()), reverse=True)
    with open(f"/proc/{pid}/status") as f:
        rss = next(int(line.split()[1]) for line in f if line.startswith("VmRSS:"))
    print(f"RSS {rss / 1024:.1f} MiB at the end")
    print(f"total CPU {100 * sum(r[0] for r in rows) / 1e9 / span:.3f} % of a core, "
          f"wake-ups {sum(r[1] for r in rows) / span:.2f}/s, threads {len(b)}")
    for ns, cs, comm, t in rows:
        if ns or cs:
            print(f"  {comm:16s} {t:>8s}  CPU {ns / 1e3 / span:8.1f} us/s  wake-ups {cs / span:6.2f}/s")


if __name__ == "__main__":
    main()
