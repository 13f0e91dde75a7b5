#!/usr/bin/env python3
"""Warden, supervisord and PM2 side by side, each supervising the same N `/bin/sleep 100000` children.

Everything is observed from /proc only, the same way for all three: a supervisor's children are the `sleep`
processes in its process tree (walked through /proc/<pid>/task/*/children), and a child counts once it has exec'd
(its comm is `sleep`). Repetitions interleave the supervisors (the order rotates each repetition) so that noise on
the machine spreads over all of them. Run through bench/compare/run.sh.
"""
import argparse
import os
import random
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
TICK = os.sysconf("SC_CLK_TCK")
SLEEP = ["/bin/sleep", "100000"]
LAUNCHER = f"{ROOT}/host/target/bin/warden"


# ---- /proc ----------------------------------------------------------------------------------------------------------

def _read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return ""


def descendants(pid, leaves=frozenset()):
    """Every process below pid; `leaves` are known /bin/sleep children, which have none, so a poll after a kill
    does not re-read 3 files for each of them (with 100 children that made one poll cost about 4 ms, longer than
    the restart it was timing)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        if p in leaves:
            continue
        try:
            tasks = os.listdir(f"/proc/{p}/task")
        except OSError:
            continue
        for t in tasks:
            for c in _read(f"/proc/{p}/task/{t}/children").split():
                out.append(int(c))
                todo.append(int(c))
    return out


def sleepers(pid, known=frozenset()):
    """The exec'd sleep children; those in `known` are taken as still sleeping without reading their comm."""
    return {c for c in descendants(pid, known)
            if c in known or _read(f"/proc/{c}/comm").strip() == "sleep"}


def alive(pid):
    stat = _read(f"/proc/{pid}/stat")
    return bool(stat) and stat.rsplit(")", 1)[1].split()[0] != "Z"


def cpu_ticks(pid):
    fields = _read(f"/proc/{pid}/stat").rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])


def sched_ns(pid):
    """Run time of each live thread, in ns, by thread id."""
    out = {}
    for t in os.listdir(f"/proc/{pid}/task"):
        s = _read(f"/proc/{pid}/task/{t}/schedstat").split()
        if s:
            out[t] = int(s[0])
    return out


def sched_delta(before, after):
    """Run time between two sched_ns readings: per thread, so a thread that exits in between (the JVM stops idle
    compiler threads) does not take its whole past away from the sum; the time such a thread ran inside the window is
    lost, which the ticks figure beside it (kept by the kernel for exited threads too) does not miss."""
    return sum(ns - before.get(t, 0) for t, ns in after.items())


def status(pid, key):
    for line in _read(f"/proc/{pid}/status").splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def started_ago(pid):
    uptime = float(_read("/proc/uptime").split()[0])
    start = int(_read(f"/proc/{pid}/stat").rsplit(")", 1)[1].split()[19]) / TICK
    return uptime - start


def wait_for(cond, timeout, step=0.0005):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if cond():
            return True
        time.sleep(step)
    return False


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# ---- the three supervisors -------------------------------------------------------------------------------------------

class Warden:
    name = "warden"

    def __init__(self, n, work, interval):
        self.n, self.work = n, work
        self.port, self.token = free_port(), secrets.token_hex(16)
        os.makedirs(f"{work}/plugins", exist_ok=True)
        lines = [f"http: {{host: 127.0.0.1, port: {self.port}}}", f"metrics: {{interval: {interval}}}",
                 "plugins: {dir: ./plugins, watch: false}", "services:"]
        for i in range(n):
            lines += [f"  - id: s{i:03d}", f"    command: [{SLEEP[0]}, \"{SLEEP[1]}\"]",
                      "    restart: {policy: always, resetAfter: 1s}"]
        with open(f"{work}/warden.yaml", "w") as f:
            f.write("\n".join(lines) + "\n")

    def available(self):
        return os.path.exists(f"{ROOT}/host/target/warden.jar") and os.access(LAUNCHER, os.X_OK)

    @staticmethod
    def prepare():
        """One unmeasured start and stop, then a wait for the launcher's class-data archive of this jar and JVM."""
        work = tempfile.mkdtemp(prefix="compare-warden-prepare-")
        w = Warden(1, work, "5s")
        cache = os.path.join(os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "warden")

        def locks():
            return {f for f in os.listdir(cache) if f.startswith("host-") and f.endswith(".lock")} \
                if os.path.isdir(cache) else set()
        older = locks()
        try:
            pid = w.start()
            wait_for(lambda: len(sleepers(pid)) == 1, 60, 0.01)
            w.shutdown()
            w.proc.wait(60)
            # The training run starts 10 s after a start that found no archive and holds a .lock dir while it runs.
            wait_for(lambda: not (locks() - older), 180, 0.5)
        finally:
            w.cleanup()
            shutil.rmtree(work, ignore_errors=True)

    def start(self):
        # As shipped: the launcher adds the host's JVM flags and its class-data archive (built after the first start
        # without one; prepare() makes sure that start is not a measured one). It execs java, so its pid is the host's.
        env = dict(os.environ, WARDEN_ADMIN_TOKEN=self.token)
        self.proc = subprocess.Popen([LAUNCHER, "--config", f"{self.work}/warden.yaml", "--data", f"{self.work}/data",
                                      "--no-console"],
                                     cwd=self.work, env=env, stdin=subprocess.DEVNULL,
                                     stdout=open(f"{self.work}/out.log", "w"), stderr=subprocess.STDOUT)
        return self.proc.pid

    def _each(self, action):
        def post(i):
            req = urllib.request.Request(f"http://127.0.0.1:{self.port}/api/v1/children/s{i:03d}/{action}",
                                         method="POST", data=b"",
                                         headers={"Authorization": f"Bearer {self.token}"})
            urllib.request.urlopen(req, timeout=30).read()
        with ThreadPoolExecutor(16) as pool:
            list(pool.map(post, range(self.n)))

    def stop_all(self):
        self._each("stop")

    def start_all(self):
        self._each("start")

    def shutdown(self):
        self.proc.send_signal(signal.SIGTERM)

    def cleanup(self):
        if self.proc.poll() is None:
            self.proc.kill()


class Supervisord:
    name = "supervisord"

    def __init__(self, n, work, interval):
        self.n, self.work = n, work
        self.conf = f"{work}/supervisord.conf"
        lines = ["[supervisord]", "nodaemon=true", f"logfile={work}/supervisord.log", f"pidfile={work}/s.pid",
                 f"childlogdir={work}", "[unix_http_server]", f"file={work}/s.sock",
                 "[rpcinterface:supervisor]",
                 "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface",
                 "[supervisorctl]", f"serverurl=unix://{work}/s.sock"]
        for i in range(n):
            lines += [f"[program:s{i:03d}]", f"command={' '.join(SLEEP)}", "autorestart=true", "startsecs=0",
                      f"stdout_logfile={work}/s{i:03d}.log", "redirect_stderr=true"]
        with open(self.conf, "w") as f:
            f.write("\n".join(lines) + "\n")

    def available(self):
        return shutil.which("supervisord") is not None

    def start(self):
        self.proc = subprocess.Popen(["supervisord", "-c", self.conf], stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL)
        return self.proc.pid

    def _ctl(self, *args):
        subprocess.run(["supervisorctl", "-c", self.conf, *args], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)

    def stop_all(self):
        self._ctl("stop", "all")

    def start_all(self):
        self._ctl("start", "all")

    def shutdown(self):
        self.proc.send_signal(signal.SIGTERM)

    def cleanup(self):
        if self.proc.poll() is None:
            self.proc.kill()


class Pm2:
    name = "pm2"

    def __init__(self, n, work, interval):
        self.n, self.work = n, work
        self.bin = f"{HERE}/node_modules/.bin/pm2"
        self.env = dict(os.environ, PM2_HOME=f"{work}/pm2home")
        apps = ",".join(f"{{name:'s{i:03d}',script:'{SLEEP[0]}',args:'{SLEEP[1]}',interpreter:'none',"
                        f"autorestart:true}}" for i in range(n))
        with open(f"{work}/ecosystem.config.js", "w") as f:
            f.write(f"module.exports = {{apps: [{apps}]}};\n")

    def available(self):
        return os.access(self.bin, os.X_OK)

    def _run(self, *args):
        subprocess.run([self.bin, *args], env=self.env, cwd=self.work, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)

    def start(self):
        subprocess.Popen([self.bin, "start", f"{self.work}/ecosystem.config.js"], env=self.env, cwd=self.work,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pidfile = f"{self.work}/pm2home/pm2.pid"
        wait_for(lambda: _read(pidfile).strip().isdigit(), 30, 0.001)
        self.pid = int(_read(pidfile))
        return self.pid

    def stop_all(self):
        self._run("stop", "all")

    def start_all(self):
        self._run("start", "all")

    def shutdown(self):
        subprocess.Popen([self.bin, "kill"], env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def cleanup(self):
        self._run("kill")


# ---- one run ---------------------------------------------------------------------------------------------------------

def measure(kind, n, args):
    work = tempfile.mkdtemp(prefix=f"compare-{kind.name}-")
    sup = kind(n, work, args.interval)
    fig = {}
    try:
        t0 = time.monotonic()
        pid = sup.start()
        if not wait_for(lambda: len(sleepers(pid)) == n, 60, 0.001):
            raise RuntimeError(f"{kind.name}: {len(sleepers(pid))} of {n} children after 60 s (see {work})")
        fig["start all, s"] = time.monotonic() - t0

        time.sleep(args.settle)
        ticks, ns, t = cpu_ticks(pid), sched_ns(pid), time.monotonic()
        time.sleep(args.window)
        span = time.monotonic() - t
        fig["idle CPU, % of a core"] = 100 * (cpu_ticks(pid) - ticks) / TICK / span
        fig["idle CPU (schedstat), %"] = 100 * sched_delta(ns, sched_ns(pid)) / 1e9 / span
        fig["RSS, MiB"] = status(pid, "VmRSS") / 1024
        fig["threads"] = status(pid, "Threads")

        latencies = []
        for _ in range(args.kills):
            before = sleepers(pid)
            # A victim up for 2 s or more, so every supervisor treats its death as a first crash (no back-off).
            ready = [c for c in before if started_ago(c) >= 2.0]
            if not ready:
                time.sleep(2.0)
                continue
            victim = random.choice(ready)
            os.kill(victim, signal.SIGKILL)
            t = time.monotonic()
            rest = frozenset(before - {victim})
            if wait_for(lambda: len(sleepers(pid, rest) - before) > 0, 5):
                latencies.append((time.monotonic() - t) * 1000)
            time.sleep(random.uniform(0.2, 0.4))
        wait_for(lambda: len(sleepers(pid)) == n, 10)
        fig["_restarts"] = latencies

        t = time.monotonic()
        sup.stop_all()
        wait_for(lambda: not sleepers(pid), 30, 0.001)
        fig["stop all, s"] = time.monotonic() - t

        sup.start_all()
        wait_for(lambda: len(sleepers(pid)) == n, 30, 0.001)
        kids = sleepers(pid)
        t = time.monotonic()
        sup.shutdown()
        wait_for(lambda: not any(alive(k) for k in kids), 30, 0.001)
        fig["shutdown: children gone, s"] = time.monotonic() - t
        wait_for(lambda: not alive(pid), 30, 0.001)
        fig["shutdown: daemon gone, s"] = time.monotonic() - t
        return fig
    finally:
        sup.cleanup()
        shutil.rmtree(work, ignore_errors=True)


def pct(values, q):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))] if values else float("nan")


def main():
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--n", default="10,100")
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--settle", type=float, default=30)
    p.add_argument("--window", type=float, default=60)
    p.add_argument("--kills", type=int, default=20)
    p.add_argument("--interval", default="5s", help="Warden's metrics.interval")
    p.add_argument("--only", default="warden,supervisord,pm2", help="which supervisors, comma-separated")
    args = p.parse_args()

    wanted = [k for k in (Warden, Supervisord, Pm2) if k.name in args.only.split(",")]
    kinds = [k for k in wanted if k(0, tempfile.gettempdir(), args.interval).available()]
    for k in set(wanted) - set(kinds):
        print(f"{k.name}: not available, left out", file=sys.stderr)
    if Warden in kinds:
        print("warden: one unmeasured start, so the launcher's class-data archive exists", file=sys.stderr, flush=True)
        Warden.prepare()
    sizes = [int(x) for x in args.n.split(",")]
    runs = {(k.name, n): [] for k in kinds for n in sizes}
    for rep in range(args.reps):
        order = kinds[rep % len(kinds):] + kinds[:rep % len(kinds)]
        for n in sizes:
            for k in order:
                print(f"rep {rep + 1}/{args.reps}: {k.name} with {n} children", file=sys.stderr, flush=True)
                runs[(k.name, n)].append(measure(k, n, args))

    names = [k.name for k in kinds]
    peers = [x for x in names if x != "warden"]
    print(f"\n{time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, {args.reps} interleaved repetitions, "
          f"settle {args.settle:g} s, idle window {args.window:g} s, Warden sampling every {args.interval}; "
          "medians [min–max]")
    for n in sizes:
        header = ["N=%d" % n] + names + [f"warden / {x}" for x in peers if "warden" in names]
        print("\n| " + " | ".join(header) + " |\n|" + "---|" * len(header))
        figures = [f for f in runs[(names[0], n)][0] if not f.startswith("_")]
        rows = {f: {x: [r[f] for r in runs[(x, n)]] for x in names} for f in figures}
        for label, q in (("restart after SIGKILL, median ms", 0.5), ("restart after SIGKILL, p95 ms", 0.95)):
            rows[label] = {x: [pct([v for r in runs[(x, n)] for v in r["_restarts"]], q)] for x in names}
        for f, by in rows.items():
            med = {x: statistics.median(v) for x, v in by.items()}
            cells = [f"{med[x]:.3g} [{min(by[x]):.3g}–{max(by[x]):.3g}]" if len(by[x]) > 1 else f"{med[x]:.3g}"
                     for x in names]
            if "warden" in names:
                cells += [f"{med['warden'] / med[x]:.2f}×" if med[x] else "–" for x in peers]
            print(f"| {f} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
