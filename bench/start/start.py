"""Launch -> N children exec'd, observed from /proc only (the host's /proc/PID/task/*/children)."""
import os
import secrets
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
LAUNCHER = os.path.join(ROOT, "host", "target", "bin", "warden")
TICK = os.sysconf("SC_CLK_TCK")


def config(work, n):
    lines = ["http: {host: 127.0.0.1, port: 0}", "metrics: {interval: 5s}",
             "plugins: {dir: ./plugins, watch: false}", "services:"]
    for i in range(n):
        lines += [f"  - id: s{i:03d}", '    command: [/bin/sleep, "100000"]']
    os.makedirs(f"{work}/plugins", exist_ok=True)
    with open(f"{work}/warden.yaml", "w") as f:
        f.write("\n".join(lines) + "\n")


def sleepers(pid):
    """Children of the host that have exec'd /bin/sleep."""
    found = 0
    try:
        for t in os.listdir(f"/proc/{pid}/task"):
            for c in open(f"/proc/{pid}/task/{t}/children").read().split():
                try:
                    if open(f"/proc/{c}/comm").read().strip() == "sleep":
                        found += 1
                except OSError:
                    pass
    except OSError:
        pass
    return found


def cpu_by_thread(pid):
    """CPU seconds of the whole process and of its busiest live threads (ended ones count in the total only)."""
    def ticks(stat):
        f = stat.rsplit(")", 1)[1].split()
        return (int(f[11]) + int(f[12])) / TICK
    total = ticks(open(f"/proc/{pid}/stat").read())
    threads = {}
    for t in os.listdir(f"/proc/{pid}/task"):
        try:
            stat = open(f"/proc/{pid}/task/{t}/stat").read()
            name = stat.split("(", 1)[1].rsplit(")", 1)[0]
            threads[name] = threads.get(name, 0) + ticks(stat)
        except OSError:
            pass
    return total, sorted(threads.items(), key=lambda kv: -kv[1])[:5]


def start(work, n, token):
    env = dict(os.environ, WARDEN_ADMIN_TOKEN=token)
    data = f"{work}/data"
    shutil.rmtree(data, ignore_errors=True)
    t0 = time.monotonic()
    p = subprocess.Popen([LAUNCHER, "--config", f"{work}/warden.yaml", "--data", data, "--no-console"], cwd=work,
                         env=env, stdin=subprocess.DEVNULL, stdout=open(f"{work}/out.log", "w"),
                         stderr=subprocess.STDOUT)
    try:
        first = None
        deadline = t0 + 60
        while time.monotonic() < deadline:
            k = sleepers(p.pid)
            if k and first is None:
                first = time.monotonic() - t0
            if k >= n:
                break
            time.sleep(0.002)
        else:
            raise SystemExit(f"not all {n} children started within 60 s; see {work}/out.log")
        done = time.monotonic() - t0
        return first, done, cpu_by_thread(p.pid)
    finally:
        p.send_signal(signal.SIGTERM)
        p.wait(60)


def main():
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 100
    reps = int(sys.argv[2]) if len(sys.argv) > 2 else 9
    if not os.access(LAUNCHER, os.X_OK):
        raise SystemExit("no launcher: build first with mvn -B -q package -DskipTests")
    work = tempfile.mkdtemp(prefix="warden-start-")
    token = secrets.token_hex(16)
    try:
        config(work, n)
        print("unmeasured first start, then a wait for the launcher's class-data archive...", file=sys.stderr)
        start(work, n, token)
        time.sleep(45)
        firsts, alls = [], []
        for i in range(reps):
            first, done, (cpu, threads) = start(work, n, token)
            firsts.append(first)
            alls.append(done)
            print(f"run {i + 1}: first child {first:.3f} s, all {n} {done:.3f} s, host CPU {cpu:.2f} s ("
                  + ", ".join(f"{k} {v:.2f}" for k, v in threads) + ")")
        print(f"{n} children, {reps} starts, load {open('/proc/loadavg').read().split()[0]}: launch -> first exec'd "
              f"median {statistics.median(firsts):.3f} s, all exec'd median {statistics.median(alls):.3f} s "
              f"[{min(alls):.3f}-{max(alls):.3f}]")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
