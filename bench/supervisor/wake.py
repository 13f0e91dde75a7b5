#!/usr/bin/env python3
"""How long this machine takes to wake a sleeping process: a one-byte pipe round trip between two processes, after
the caller was idle for 0, 1 ms, 10 ms and 300 ms. On a VM an idle vCPU is halted, and waking it costs far more than
the same hand-over between busy cores; a restart after SIGKILL crosses several such hand-overs (kernel to the output
poller, poller to the host context, the vfork'd child), so read the restart figures of bench/compare against this.

Usage: bench/supervisor/wake.py [rounds]     (prints median and p90 in microseconds per idle gap)
"""
import os
import sys
import time

rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 40
to_child, from_parent = os.pipe()
to_parent, from_child = os.pipe()
pid = os.fork()
if pid == 0:
    while True:
        b = os.read(to_child, 1)
        if not b:
            os._exit(0)
        os.write(from_child, b)
for idle in (0.0, 0.001, 0.01, 0.3):
    rtt = []
    for _ in range(rounds):
        if idle:
            time.sleep(idle)
        t = time.perf_counter()
        os.write(from_parent, b"x")
        os.read(to_parent, 1)
        rtt.append((time.perf_counter() - t) * 1e6)
    rtt.sort()
    print(f"idle {idle * 1000:5.0f} ms before: round trip median {rtt[len(rtt) // 2]:6.0f} us, "
          f"p90 {rtt[int(len(rtt) * 0.9)]:6.0f} us")
os.close(from_parent)
os.waitpid(pid, 0)
