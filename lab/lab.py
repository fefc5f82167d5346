#!/usr/bin/env python3
"""The fidelity lab: a small real system on loopback, faults injected live, entry-point health observed
and set beside FaultRay's prediction for the model of the system (lab/model.yaml).

The system: nginx balancing two instances of lab/app.py, which needs PostgreSQL and lab/payment.py
(2 s timeout) and uses Redis as an optional cache with a fallback to the database. Every process runs
on 127.0.0.1 on non-default ports, as an unprivileged user, in a temporary directory, and is stopped by
its PID. Run it with lab/run.sh (see lab/README.md).
"""
import argparse
import datetime
import http.client
import json
import os
import platform
import pwd
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor

HERE = os.path.dirname(os.path.abspath(__file__))
# Ports on 127.0.0.1, chosen at start: the first block of free ones from 24600 (`choose_ports`).
PORTS = {}
PORT_NAMES = ("lb", "app1", "app2", "payment", "db", "redis")
# The processes behind each component of lab/model.yaml.
PROCESSES = {"lb": ["lb"], "app": ["app1", "app2"], "db": ["db"], "redis": ["redis"], "payment": ["payment"]}
# A client gives up after this long (beyond nginx's 5 s proxy timeout).
CLIENT_TIMEOUT = 7.0
# How observations become a health. A latency rise is judged against FaultRay's threshold
# (LatencyRule.degradedAboveMs = 100 ms); values near a threshold are inconclusive.
DOWN_BELOW, DOWN_BAND = 0.5, (0.4, 0.6)
HEALTHY_FROM, HEALTHY_BAND = 0.99, (0.97, 0.995)
LATENCY_MS, LATENCY_BAND = 100.0, (50.0, 200.0)
PG_BIN = sorted(d for d in (os.path.join("/usr/lib/postgresql", v, "bin") for v in os.listdir("/usr/lib/postgresql"))
                if os.path.exists(os.path.join(d, "initdb")))[-1] if os.path.isdir("/usr/lib/postgresql") else ""
PYTHON = "/usr/bin/python3"  # Debian's, with python3-psycopg and python3-redis
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
REDIS = shutil.which("redis-server")


def log(message):
    print("[lab %s] %s" % (time.strftime("%H:%M:%S"), message), file=sys.stderr, flush=True)


def descendants(pid):
    """pid and every process below it (from /proc), parents first."""
    children = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open("/proc/%s/stat" % entry) as f:
                    parent = int(f.read().rsplit(")", 1)[1].split()[1])
                children.setdefault(parent, []).append(int(entry))
            except (OSError, IndexError, ValueError):
                pass
    out, stack = [], [pid]
    while stack:
        p = stack.pop()
        out.append(p)
        stack.extend(children.get(p, []))
    return out


def free(port):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
            return True
        except OSError:
            return False


def choose_ports(first=24600, blocks=50):
    """The first block of consecutive free ports for the lab's processes (at most `blocks` tried)."""
    for base in range(first, first + blocks * 10, 10):
        if all(free(base + k) for k in range(len(PORT_NAMES))):
            PORTS.update({name: base + k for k, name in enumerate(PORT_NAMES)})
            return
    raise RuntimeError("no free block of ports from %d to %d" % (first, first + blocks * 10))


def wait_port(port, seconds=20):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return True
        except OSError:
            time.sleep(0.1)
    return False


def get(port, path, timeout=2.0):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("GET", path)
        response = conn.getresponse()
        body = response.read()
        return response.status, body
    finally:
        conn.close()


class System:
    """The processes of the lab, started and stopped by PID."""

    def __init__(self, workdir):
        self.dir = workdir
        self.procs = {}
        self.user = None
        if os.geteuid() == 0:  # PostgreSQL refuses root: everything runs as nobody
            self.user = pwd.getpwnam("nobody")
            os.chown(workdir, self.user.pw_uid, self.user.pw_gid)
        for name in ("app.py", "payment.py", "service.py"):
            shutil.copy(os.path.join(HERE, name), os.path.join(workdir, name))
        self.db_user = "lab"

    def spawn(self, name, argv):
        out = open(os.path.join(self.dir, name + ".log"), "ab")
        kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []} if self.user else {}
        self.procs[name] = subprocess.Popen(argv, stdout=out, stderr=out, stdin=subprocess.DEVNULL, cwd=self.dir,
                                            start_new_session=True, **kwargs)
        out.close()

    def start(self, name):
        d = self.dir
        if name == "db":
            self.spawn("db", [os.path.join(PG_BIN, "postgres"), "-D", os.path.join(d, "pg"), "-p", str(PORTS["db"]),
                              "-k", d, "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=400",
                              "-c", "shared_buffers=16MB"])
        elif name == "redis":
            self.spawn("redis", [REDIS, "--port", str(PORTS["redis"]), "--bind", "127.0.0.1", "--save", "",
                                 "--appendonly", "no", "--dir", d, "--daemonize", "no"])
        elif name == "payment":
            self.spawn("payment", [PYTHON, os.path.join(d, "payment.py"), str(PORTS["payment"])])
        elif name in ("app1", "app2"):
            self.spawn(name, [PYTHON, os.path.join(d, "app.py"), str(PORTS[name]), str(PORTS["db"]), str(PORTS["redis"]),
                              str(PORTS["payment"]), self.db_user])
        elif name == "lb":
            self.spawn("lb", [NGINX, "-p", d, "-c", os.path.join(d, "nginx.conf"), "-e", os.path.join(d, "nginx-error.log"),
                              "-g", "daemon off; pid %s;" % os.path.join(d, "nginx.pid")])
        if not wait_port(PORTS[name]):
            raise RuntimeError("%s did not start (see %s.log in %s)" % (name, name, d))

    def setup(self):
        d = self.dir
        with open(os.path.join(d, "nginx.conf"), "w") as f:
            f.write(NGINX_CONF % {"dir": d, "lb": PORTS["lb"], "app1": PORTS["app1"], "app2": PORTS["app2"]})
        kwargs = {"user": self.user.pw_uid, "group": self.user.pw_gid, "extra_groups": []} if self.user else {}
        subprocess.run([os.path.join(PG_BIN, "initdb"), "-D", os.path.join(d, "pg"), "-U", self.db_user, "--auth=trust",
                        "-E", "UTF8", "--no-sync"], check=True, stdout=subprocess.DEVNULL, cwd=d, **kwargs)
        for name in ("db", "redis", "payment"):
            self.start(name)
        import psycopg
        with psycopg.connect(host="127.0.0.1", port=PORTS["db"], dbname="postgres", user=self.db_user, autocommit=True) as c:
            c.execute("CREATE DATABASE lab")
        with psycopg.connect(host="127.0.0.1", port=PORTS["db"], dbname="lab", user=self.db_user, autocommit=True) as c:
            c.execute("CREATE TABLE products (id int PRIMARY KEY, name text NOT NULL)")
            c.execute("CREATE TABLE orders (id bigserial PRIMARY KEY, item int NOT NULL, at timestamptz DEFAULT now())")
            c.execute("INSERT INTO products SELECT g, 'product ' || g FROM generate_series(1, 100) g")
        for name in ("app1", "app2", "lb"):
            self.start(name)

    def signal(self, name, sig):
        for pid in descendants(self.procs[name].pid):
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass

    def crash(self, name):
        """SIGKILL to the process and its children, frozen first: a master that saw a child die could start another."""
        self.signal(name, signal.SIGSTOP)
        self.signal(name, signal.SIGKILL)
        self.procs[name].wait(timeout=10)

    def stop_all(self):
        """Every process, by PID: SIGTERM to each root (it stops its own children), then SIGKILL to what is left."""
        for name in list(self.procs)[::-1]:
            proc = self.procs[name]
            pids = descendants(proc.pid) if proc.poll() is None else []  # before the root exits and they are orphaned
            if pids:
                self.signal(name, signal.SIGCONT)
                proc.terminate()
                try:
                    proc.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    pass
            for pid in pids[1:] + ([proc.pid] if proc.poll() is None else []):
                try:
                    os.kill(pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
            proc.wait(timeout=10)
            del self.procs[name]


NGINX_CONF = """
worker_processes 1;
events { worker_connections 2048; }
http {
    access_log off;
    client_body_temp_path %(dir)s/nginx-body;
    proxy_temp_path %(dir)s/nginx-proxy;
    fastcgi_temp_path %(dir)s/nginx-fastcgi;
    uwsgi_temp_path %(dir)s/nginx-uwsgi;
    scgi_temp_path %(dir)s/nginx-scgi;
    upstream app {
        server 127.0.0.1:%(app1)d max_fails=1 fail_timeout=2s;
        server 127.0.0.1:%(app2)d max_fails=1 fail_timeout=2s;
    }
    server {
        listen 127.0.0.1:%(lb)d;
        location / {
            proxy_pass http://app;
            proxy_connect_timeout 1s;
            proxy_read_timeout 5s;
            proxy_send_timeout 5s;
            proxy_next_upstream error timeout;
        }
    }
}
"""


def one_request(k):
    start = time.monotonic()
    try:
        status, _ = get(PORTS["lb"], "/order?item=%d" % k, timeout=CLIENT_TIMEOUT)
        ok = status == 200
    except (OSError, http.client.HTTPException):
        ok = False
    return ok, time.monotonic() - start


def load(rate, seconds):
    """Open-loop load: `rate` requests a second for `seconds`; every request ends within CLIENT_TIMEOUT."""
    n = max(1, int(rate * seconds))
    pool = ThreadPoolExecutor(max_workers=int(rate * (CLIENT_TIMEOUT + 1)) + 8)
    start = time.monotonic()
    futures = []
    for k in range(n):
        delay = start + k / rate - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        futures.append(pool.submit(one_request, k))
    results = [f.result() for f in futures]
    pool.shutdown()
    return summarize(results)


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(p / 100 * len(ordered) + 0.5)) - 1))]


def summarize(results):
    durations = [d for _, d in results]
    return {"requests": len(results), "success_rate": round(sum(1 for ok, _ in results if ok) / len(results), 4),
            "p50_ms": round(percentile(durations, 50) * 1000, 1), "p99_ms": round(percentile(durations, 99) * 1000, 1)}


def judge(observed, baseline_p99):
    """healthy, degraded, down or inconclusive, from the success rate and the p99 rise over the baseline."""
    s, rise = observed["success_rate"], observed["p99_ms"] - baseline_p99
    if s < DOWN_BAND[0]:
        return "down"
    if s <= DOWN_BAND[1]:
        return "inconclusive"
    if s < HEALTHY_BAND[0] or rise > LATENCY_BAND[1]:
        return "degraded"
    if s < HEALTHY_BAND[1] or rise >= LATENCY_BAND[0]:
        return "inconclusive"
    return "healthy"


class Lab:
    def __init__(self, system, args):
        self.system, self.args = system, args

    def settle(self):
        """Waits (bounded) until requests succeed again: three in a row within a second each."""
        deadline, streak = time.monotonic() + 60, 0
        while time.monotonic() < deadline and streak < 3:
            ok, d = one_request(0)
            streak = streak + 1 if ok and d < 1 else 0
            time.sleep(0.2)
        if streak < 3:
            raise RuntimeError("the system did not recover within 60 s")

    def apply(self, scenario):
        """Injects the scenario's faults; returns the actions that undo them."""
        undo = []
        for dependency, n in scenario.get("retries", {}).items():
            for app in PROCESSES["app"]:
                get(PORTS[app], "/control?retries_%s=%d" % (dependency, n))
            undo.append(("retries", dependency))
        for fault in scenario["faults"]:
            component, kind = fault["component"], fault["kind"]
            if kind == "component_down":
                for name in PROCESSES[component]:
                    self.system.crash(name)
                    undo.append(("restart", name))
            elif kind == "instance_failure":
                name = PROCESSES[component][-1]
                self.system.crash(name)
                undo.append(("restart", name))
            elif kind == "hang":
                for name in PROCESSES[component]:
                    self.system.signal(name, signal.SIGSTOP)
                    undo.append(("continue", name))
            elif kind == "latency_spike":
                get(PORTS[component], "/control?delay_ms=%d" % fault["latency_ms"])
                undo.append(("delay", component))
            else:
                raise ValueError("the lab cannot inject %s" % kind)
        return undo

    def restore(self, undo):
        for action, name in reversed(undo):
            if action == "continue":
                self.system.signal(name, signal.SIGCONT)
            elif action == "restart":
                self.system.start(name)
            elif action == "delay":
                get(PORTS[name], "/control?delay_ms=0")
            elif action == "retries":
                for app in PROCESSES["app"]:
                    get(PORTS[app], "/control?retries_%s=0" % name)

    def observe(self, scenario, baseline):
        """Injects the scenario, measures the load, undoes it; the measurement with its judged health."""
        undo = self.apply(scenario)
        try:
            time.sleep(self.args.settle)
            observed = load(self.args.rate, self.args.window)
        finally:
            self.restore(undo)
        return dict(observed, health=judge(observed, baseline["p99_ms"]))

    def predict(self, scenario):
        """FaultRay's entry-point health for the scenario, from the built binary."""
        argv = [self.args.faultray, "simulate", os.path.join(HERE, scenario.get("model", "model.yaml")), "--json"]
        for fault in scenario["faults"]:
            argv += ["--fault", "%s:%s" % (fault["component"], fault["kind"])]
            if "latency_ms" in fault:
                argv += ["--latency-ms", str(fault["latency_ms"])]
        result = json.loads(subprocess.run(argv, check=True, capture_output=True, text=True).stdout)
        order = ["healthy", "degraded", "overloaded", "down"]
        health = "healthy"
        for wave in result["waves"]:
            for component in wave["components"]:
                if component["id"] == self.args.entry and order.index(component["health"]) > order.index(health):
                    health = component["health"]
        return health, argv[1:]

    def run(self, scenarios, known_gaps):
        self.settle()
        baselines = []
        for n in range(self.args.baselines):
            baselines.append(load(self.args.rate, self.args.window))
            log("baseline %d: %s" % (n + 1, baselines[-1]))
        baseline = {"success_rate": statistics.median(b["success_rate"] for b in baselines),
                    "p50_ms": statistics.median(b["p50_ms"] for b in baselines),
                    "p99_ms": statistics.median(b["p99_ms"] for b in baselines)}
        rows = []
        for scenario in scenarios:
            predicted, command = self.predict(scenario)
            # FaultRay's overloaded is a degradation the clients see (slow, not failing).
            compared = "degraded" if predicted == "overloaded" else predicted
            observed = self.observe(scenario, baseline)
            remeasured = None
            if observed["health"] not in ("inconclusive", compared):
                # Measured once more: two observations that differ mean the system (or the machine) was not
                # steady, and the scenario is inconclusive; two that agree stand.
                self.settle()
                remeasured = self.observe(scenario, baseline)
                log("%-28s remeasured %s" % (scenario["id"], remeasured))
            if observed["health"] == "inconclusive" or (remeasured and remeasured["health"] != observed["health"]):
                verdict = "inconclusive"
            elif observed["health"] == compared:
                verdict = "agree"
            elif scenario["id"] in known_gaps:
                verdict = "known_gap"
            else:
                verdict = "disagree"
            rows.append({"id": scenario["id"], "title": scenario["title"], "faults": scenario["faults"],
                         "retries": scenario.get("retries", {}), "model": scenario.get("model", "model.yaml"),
                         "observed": observed, "remeasured": remeasured, "predicted": predicted,
                         "faultray": " ".join(["faultray"] + command[:1] + ["lab/" + os.path.basename(command[1])] + command[2:]),
                         "verdict": verdict, "known_gap": known_gaps.get(scenario["id"])})
            log("%-28s observed %-12s predicted %-10s %s  %s" % (scenario["id"], observed["health"], predicted, verdict, observed))
            self.settle()
        return baseline, baselines, rows


def machine():
    cpu = ""
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), "")
    except OSError:
        pass
    versions = {}
    for name, argv in (("nginx", [NGINX, "-v"]), ("postgresql", [os.path.join(PG_BIN, "postgres"), "--version"]),
                       ("redis", [REDIS, "--version"])):
        out = subprocess.run(argv, capture_output=True, text=True)
        versions[name] = (out.stdout + out.stderr).strip()
    return {"os": platform.platform(), "cpu": cpu, "cores": os.cpu_count(), "python": platform.python_version(), **versions}


def report(args, baseline, baselines, rows):
    counts = {v: sum(1 for r in rows if r["verdict"] == v) for v in ("agree", "disagree", "inconclusive", "known_gap")}
    conclusive = counts["agree"] + counts["disagree"] + counts["known_gap"]
    summary = {"scenarios": len(rows), **counts, "agreement_rate": round(counts["agree"] / conclusive, 4) if conclusive else None}
    doc = {"date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), "machine": machine(),
           "settings": {"rate_per_second": args.rate, "window_seconds": args.window, "settle_seconds": args.settle,
                        "baselines": args.baselines, "client_timeout_seconds": CLIENT_TIMEOUT,
                        "down_below_success": DOWN_BELOW, "down_band": DOWN_BAND, "healthy_from_success": HEALTHY_FROM,
                        "healthy_band": HEALTHY_BAND, "degraded_above_p99_rise_ms": LATENCY_MS, "p99_rise_band_ms": LATENCY_BAND},
           "baseline": baseline, "baseline_runs": baselines, "summary": summary, "scenarios": rows}
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "lab-report.json"), "w") as f:
        json.dump(doc, f, indent=2)
        f.write("\n")
    rate = "n/a" if summary["agreement_rate"] is None else "%.0f %%" % (summary["agreement_rate"] * 100)
    lines = [
        "# Fidelity lab report", "",
        "FaultRay's predictions for `lab/model.yaml` beside what a real system did under the same faults "
        "(`lab/run.sh`; how it works: `lab/README.md`).", "",
        "- Date: %s" % doc["date"],
        "- Machine: %s, %s (%s cores); %s; %s; %s" % (doc["machine"]["os"], doc["machine"]["cpu"], doc["machine"]["cores"],
                                                     doc["machine"]["nginx"], doc["machine"]["postgresql"], doc["machine"]["redis"]),
        "- Load: %s requests/s, %s s per scenario (after %s s to settle), %d baselines: median success %.1f %%, p50 %.1f ms, p99 %.1f ms"
        % (args.rate, args.window, args.settle, args.baselines, baseline["success_rate"] * 100, baseline["p50_ms"], baseline["p99_ms"]),
        "- Judged: down below %d %% success (%d-%d %% inconclusive); degraded below %d %% success or p99 more than %d ms above the "
        "baseline (%g-%g %% and %g-%g ms inconclusive); else healthy"
        % (DOWN_BELOW * 100, DOWN_BAND[0] * 100, DOWN_BAND[1] * 100, HEALTHY_FROM * 100, LATENCY_MS,
           HEALTHY_BAND[0] * 100, HEALTHY_BAND[1] * 100, LATENCY_BAND[0], LATENCY_BAND[1]),
        "- **Agreement: %d of %d conclusive scenarios (%s)**; %d inconclusive, %d known gaps, %d scenarios in all"
        % (counts["agree"], conclusive, rate, counts["inconclusive"], counts["known_gap"], len(rows)),
        "", "| scenario | faults | success | p50 ms | p99 ms | observed | FaultRay | verdict |", "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        faults = " + ".join("%s %s%s" % (f["component"], f["kind"], " %d ms" % f["latency_ms"] if "latency_ms" in f else "")
                            for f in r["faults"])
        if r["retries"]:
            faults += " (retries: %s)" % ", ".join("%s %d" % kv for kv in sorted(r["retries"].items()))
        o = r["observed"]
        seen = o["health"] + (" (again: %s)" % r["remeasured"]["health"] if r["remeasured"] else "")
        lines.append("| %s | %s | %.1f %% | %.0f | %.0f | %s | %s | %s |" % (r["id"], faults, o["success_rate"] * 100, o["p50_ms"],
                                                                           o["p99_ms"], seen, r["predicted"], r["verdict"]))
    with open(os.path.join(args.out, "lab-report.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    return summary


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--faultray", required=True, help="the built faultray binary")
    parser.add_argument("--out", required=True, help="directory for lab-report.md and lab-report.json")
    parser.add_argument("--rate", type=float, default=50, help="requests a second (default 50)")
    parser.add_argument("--window", type=float, default=10, help="seconds measured per scenario (default 10)")
    parser.add_argument("--settle", type=float, default=1, help="seconds between injecting a fault and measuring (default 1)")
    parser.add_argument("--baselines", type=int, default=3, help="baseline runs, whose median is the reference (default 3)")
    parser.add_argument("--entry", default="lb", help="the entry point judged (default lb)")
    parser.add_argument("--only", default="", help="comma-separated scenario ids to run (default all)")
    args = parser.parse_args()
    if not (0 < args.rate <= 200 and 1 <= args.window <= 120 and 0 <= args.settle <= 30 and 1 <= args.baselines <= 9):
        parser.error("--rate must be in (0, 200], --window in [1, 120], --settle in [0, 30], --baselines in [1, 9]")
    with open(os.path.join(HERE, "scenarios.json")) as f:
        scenarios = json.load(f)
    with open(os.path.join(HERE, "known-gaps.json")) as f:
        known_gaps = json.load(f)
    if args.only:
        wanted = args.only.split(",")
        unknown = sorted(set(wanted) - {s["id"] for s in scenarios})
        if unknown:
            parser.error("unknown scenario ids: %s" % ", ".join(unknown))
        scenarios = [s for s in scenarios if s["id"] in wanted]
    missing = [tool for tool, path in (("nginx", NGINX), ("redis-server", REDIS), ("postgresql", PG_BIN)) if not path]
    drivers = subprocess.run([PYTHON, "-c", "import psycopg, redis"], capture_output=True).returncode == 0 if os.path.exists(PYTHON) else False
    missing += [] if drivers else ["python3-psycopg/python3-redis"]
    if missing:
        print("lab: missing %s (apt-get install nginx postgresql redis-server python3-psycopg python3-redis)" % ", ".join(missing),
              file=sys.stderr)
        return 2
    choose_ports()
    workdir = tempfile.mkdtemp(prefix="faultray-lab-")
    system = System(workdir)
    stopping = threading.Event()

    def interrupted(signum, frame):
        stopping.set()
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupted)
    try:
        system.setup()
        baseline, baselines, rows = Lab(system, args).run(scenarios, known_gaps)
    finally:
        system.stop_all()
        shutil.rmtree(workdir, ignore_errors=True)
    summary = report(args, baseline, baselines, rows)
    log("summary: %s" % summary)
    return 0 if summary["disagree"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
