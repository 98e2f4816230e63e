"""The benchmark behind tests/bench/run (not a test): casereview's main requests
against their ceilings on the machine at hand, in one run.

For each request it runs wrk at 1 and at 16 connections and prints requests a
second, the median and the 99th percentile, and the share of the ceiling: for
reads, the bare Poco server (tests/bench/ceiling_server.cpp) on the same
parameters; for writes, SQLite's own rate of single-row commits in WAL mode
with synchronous=FULL on the same disk (the fsync each durable commit costs).
Then the server's start-up time (to its first answered health check) and its
resident memory. Standard library only, run by Debian's /usr/bin/python3.

Usage: bench_run.py CASEREVIEW_BIN CEILING_BIN DATABASE [SECONDS]"""

import http.client
import json
import os
import re
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time

TODAY = "2026-12-01"
PASSWORD = "demonstration only 2026"
THREADS = 16
CONNECTIONS = (1, 16)
# The server releases the mapped file's pages a minute after the last long
# request (MemoryRelease::kMappedFileQuietFor); a little more.
QUIET_RELEASE_S = 65


def free_port():
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port, path, deadline_s=60):
    until = time.monotonic() + deadline_s
    while time.monotonic() < until:
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            c.request("GET", path)
            if c.getresponse().status == 200:
                return
        except OSError:
            pass
        time.sleep(0.005)
    raise RuntimeError(f"nothing answered {path} on port {port} within {deadline_s} s")


class Server:
    """casereview serve on a copy of the database; start-up is timed until the
    first health check answers."""

    def __init__(self, binary, db):
        self.port = free_port()
        args = [binary, "serve", "--db", db, "--port", str(self.port), "--today", TODAY,
                "--threads", str(THREADS),
                # wrk's 16 connections come from one address; the default
                # allows 12 and would refuse the rest.
                "--max-connections-per-address", "64"]
        started = time.monotonic()
        self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.DEVNULL, env=dict(os.environ, CASEREVIEW_TODAY=TODAY))
        wait_for(self.port, "/api/v1/health")
        self.start_s = time.monotonic() - started

    def memory_kb(self, field, source="status"):
        """A field of /proc/PID/status, or of smaps_rollup with source="smaps_rollup"."""
        with open(f"/proc/{self.proc.pid}/{source}") as f:
            for line in f:
                if line.startswith(field + ":"):
                    return int(line.split()[1])
        return 0

    def cpu_ticks(self):
        with open(f"/proc/{self.proc.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return int(fields[11]) + int(fields[12])  # utime + stime

    def settle(self, quiet_s=0.3, limit_s=30):
        """Waits until the server has used no processor for quiet_s: wrk gives
        up on requests after 2 s, but the server still finishes them (a report
        at 16 connections), and they would slow the next run."""
        deadline = time.monotonic() + limit_s
        before = self.cpu_ticks()
        while time.monotonic() < deadline:
            time.sleep(quiet_s)
            now = self.cpu_ticks()
            if now - before <= 1:
                return
            before = now

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def call(port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request(method, path, body=json.dumps(body) if body is not None else None,
              headers={"Content-Type": "application/json", **(headers or {})})
    r = c.getresponse()
    text = r.read()
    return r.status, r.getheader("Set-Cookie"), json.loads(text) if text else {}


def sign_in(port, username):
    status, cookie, body = call(port, "POST", "/api/v1/session", {"username": username, "password": PASSWORD})
    if status != 200:
        raise RuntimeError(f"signing in as {username}: {status} {body}")
    return {"Cookie": cookie.split(";")[0], "X-CSRF-Token": body["csrf_token"]}


def wrk_script(directory, method, path, headers, body, name="request.lua"):
    lines = [f'wrk.method = "{method}"', f'wrk.path = "{path}"']
    for header, value in headers.items():
        lines.append(f'wrk.headers["{header}"] = {json.dumps(value)}')
    if body is not None:
        lines.append('wrk.headers["Content-Type"] = "application/json"')
        lines.append(f"wrk.body = {json.dumps(json.dumps(body))}")
    script = os.path.join(directory, name)
    with open(script, "w") as f:
        f.write("\n".join(lines) + "\n")
    return script


UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk_threads(connections):
    return min(2, connections)


def run_wrk(port, connections, seconds, script):
    threads = wrk_threads(connections)
    out = subprocess.run(["wrk", "-t", str(threads), "-c", str(connections), "-d", f"{seconds}s", "--latency",
                          "-s", script, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def percentile(p):
        m = re.search(rf"^\s+{p}%\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        return float(m.group(1)) * UNITS[m.group(2)]

    failed = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: (.*)", out)
    return {"rate": rate, "p50": percentile(50), "p99": percentile(99),
            "failed": int(failed.group(1)) if failed else 0, "socket_errors": errors.group(1) if errors else ""}


def sqlite_commit_rate(directory, seconds=5):
    """Single-row INSERT commits a second, WAL and synchronous=FULL, on the disk
    the database is on: the ceiling for durable one-at-a-time writes."""
    path = os.path.join(directory, "ceiling.db")
    for stale in (path, path + "-wal", path + "-shm"):  # a measurement before this one
        if os.path.exists(stale):
            os.remove(stale)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)")
    count = 0
    until = time.monotonic() + seconds
    started = time.monotonic()
    while time.monotonic() < until:
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO t (body) VALUES (?)", ("x" * 200,))
        db.execute("COMMIT")
        count += 1
    elapsed = time.monotonic() - started
    db.close()
    return count / elapsed


def cases_in_state(port, headers, kind, state):
    """Every case of `kind` in `state`, as (id, version), read page by page."""
    found = []
    while True:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        c.request("GET", f"/api/v1/cases?kind={kind}&state={state}&limit=500&offset={len(found)}", headers=headers)
        page = json.loads(c.getresponse().read())["cases"]
        c.close()
        found += [(case["id"], case["version"]) for case in page]
        if len(page) < 500:
            return found


# A step on a case, again and again: each request asks agencies for a child
# death review's reporting forms (a step that leaves the case where it is),
# naming an agency not asked before (an agency asked and not yet returned is
# refused; the name carries the script's time of making), on the case of its
# wrk thread stepped longest ago, at the version that case's last answer gave
# (the answer is the case's page, which begins with its id and version). A
# refused step loses its case for the run and is counted as failed.
STEP_LUA = """
local cases = {%(cases)s}
local threads, tag = %(threads)d, "%(tag)s"
local created = 0
function setup(thread)
  thread:set("index", created)
  created = created + 1
end
local free, asked = {}, 0
function init(args)
  for i, c in ipairs(cases) do
    if (i - 1) %% threads == index then table.insert(free, c) end
  end
end
-- wrk asks thread 0 for one request before the run, to check it, and never
-- sends it: that one is made without taking its case out of turn.
local checked = nil
function request()
  if checked == nil then checked = index ~= 0 end
  local c = checked and table.remove(free, 1) or free[1]
  checked = true
  if c == nil then error("more connections than cases to step on, or too many steps refused") end
  asked = asked + 1
  local body = string.format('{"command":"request_agency_information","expected_version":%%d,'
    .. '"facts":{"agencies":["Benchmark agency %%s-%%d-%%d"],"requested_on":"%(today)s"}}', c[2], tag, index, asked)
  return wrk.format("POST", "/api/v1/cases/" .. c[1] .. "/commands", nil, body)
end
function response(status, headers, body)
  if status ~= 200 then return end
  local id, version = body:match('^{"id":(%%d+)'), body:match('"version":(%%d+)')
  if id and version then table.insert(free, {tonumber(id), tonumber(version)}) end
end
"""


def step_script(directory, headers, cases, connections):
    threads = wrk_threads(connections)  # the script gives each of run_wrk's threads its share
    lines = [f'wrk.headers["{name}"] = {json.dumps(value)}' for name, value in headers.items()]
    lines.append('wrk.headers["Content-Type"] = "application/json"')
    listed = ", ".join(f"{{{case_id}, {version}}}" for case_id, version in cases)
    lines.append(STEP_LUA % {"cases": listed, "threads": threads, "tag": f"{connections}c{time.time_ns() // 1000000}",
                             "today": TODAY})
    script = os.path.join(directory, f"step-{connections}.lua")
    with open(script, "w") as f:
        f.write("\n".join(lines) + "\n")
    return script


def first_case(port, headers, query):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("GET", f"/api/v1/cases?{query}&limit=1", headers=headers)
    cases = json.loads(c.getresponse().read())["cases"]
    if not cases:
        raise RuntimeError(f"no case matches {query}")
    return cases[0]


def main():
    binary, ceiling_binary, db = sys.argv[1:4]
    seconds = int(sys.argv[4]) if len(sys.argv) > 4 else 10
    work = tempfile.mkdtemp(prefix="casereview-bench-", dir=os.path.dirname(db))

    starts = []
    for _ in range(3):
        s = Server(binary, db)
        starts.append(s.start_s)
        s.stop()
    server = Server(binary, db)
    rows = []
    try:
        manager = sign_in(server.port, "demo.manager")
        peak_at_start_kb = server.memory_kb("VmHWM")  # after the start, the sign-in and what of the warm-up has run
        death = first_case(server.port, manager, "kind=child_death_review&state=gathering_information")
        _, _, detail = call(server.port, "GET", f"/api/v1/cases/{death['id']}", headers=manager)
        surname = (detail.get("subject") or {}).get("family_name", "")
        # The reports of the last whole financial year (1 April to 31 March)
        # before TODAY: the one a partnership writes its annual report on, and
        # a full year's cases, where the year in progress has only some months.
        ends = int(TODAY[:4]) if TODAY[5:] >= "04-01" else int(TODAY[:4]) - 1
        year = f"{ends - 1}/{str(ends)[2:]}"
        period = f"from={ends - 1}-04-01&to={ends}-03-31"
        # The ten financial years the data set spans, to the same end.
        decade = f"from={ends - 10}-04-01&to={ends}-03-31"
        # What the Reports page asks for (CASES_NAMED and ROWS_SHOWN in
        # web/ui/src/reports.js): the first 100 cases of each figure and rows
        # of each table. Without it every figure lists all its cases.
        page = "cases=100&rows=100"
        reads = [
            ("health check", "/api/v1/health"),
            ("a case (identity read, logged)", f"/api/v1/cases/{death['id']}"),
            ("its timeline", f"/api/v1/cases/{death['id']}/timeline"),
            ("its spine", f"/api/v1/cases/{death['id']}/spine"),
            ("its clocks", f"/api/v1/cases/{death['id']}/deadlines"),
            ("dashboard, first page", "/api/v1/dashboard"),
            ("cases, first 50", "/api/v1/cases?limit=50"),
            ("search by reference", f"/api/v1/cases?q={death['reference']}"),
            (f"yearly report (FY {year}), every case listed", f"/api/v1/reports/yearly?{period}"),
            (f"yearly report (FY {year}), as the page asks", f"/api/v1/reports/yearly?{period}&{page}"),
            (f"yearly report (ten years to March {ends}), as the page asks", f"/api/v1/reports/yearly?{decade}&{page}"),
            (f"CDOP annual report (FY {year}), every case listed", f"/api/v1/reports/cdop-annual?{period}"),
            (f"CDOP annual report (FY {year}), as the page asks", f"/api/v1/reports/cdop-annual?{period}&{page}"),
            (f"CDOP annual report (ten years to March {ends}), as the page asks",
             f"/api/v1/reports/cdop-annual?{decade}&{page}"),
        ]
        if surname:
            reads.insert(8, ("search by family name", f"/api/v1/cases?q={surname}"))

        # Each run is set against its ceiling measured just before it: this
        # shared machine's speed moves by a fifth to a half between minutes
        # (the bare server has given 31,000/s and 48,000/s in one run), so a
        # ceiling measured once would flatter or belittle every share after
        # it. The bare server idles while casereview is measured.
        ceiling_port = free_port()
        ceiling_server = subprocess.Popen([ceiling_binary, str(ceiling_port), str(THREADS)], stdout=subprocess.DEVNULL)
        ceiling_runs = {n: [] for n in CONNECTIONS}
        try:
            wait_for(ceiling_port, "/")
            # A file of its own: the reads' script is written afresh for each read.
            ceiling_script = wrk_script(work, "GET", "/", {}, None, "ceiling.lua")
            for what, path in reads:
                script = wrk_script(work, "GET", path, manager, None)
                for n in CONNECTIONS:
                    ceiling = run_wrk(ceiling_port, n, seconds, ceiling_script)
                    ceiling_runs[n].append(ceiling)
                    # Asked once first, not counted. A kept page the reader
                    # has not asked for within a few seconds is made afresh,
                    # and all sixteen connections, the same reader's, wait for
                    # that one making; wrk then counts each of those waits as
                    # if requests had gone on arriving at the run's pace (its
                    # correction for coordinated omission), a tenth of a
                    # second's stall as a percent of the run. A case's kept
                    # answers and a report's per-case caches are the same:
                    # each run measures the read asked again, as a desk that
                    # refreshes asks it (a kept page made again once a second),
                    # not its first asking after a start or a pause.
                    call(server.port, "GET", path, headers=manager)
                    rows.append((what, n, run_wrk(server.port, n, seconds, script), ceiling["rate"],
                                 server.memory_kb("VmHWM")))
                    server.settle()
        finally:
            ceiling_server.send_signal(signal.SIGTERM)
            ceiling_server.wait()
        # The bare server's own row: its median run.
        for n in reversed(CONNECTIONS):
            runs = sorted(ceiling_runs[n], key=lambda r: r["rate"])
            median = runs[len(runs) // 2]
            rows.insert(0, ("bare Poco server (the reads' ceiling, its median run)", n, median, median["rate"], 0))

        commit_rates = []
        notification = {"kind": "serious_incident_notification", "facts": {
            "became_aware_on": TODAY, "harm": "serious_harm", "abuse_or_neglect": "suspected",
            "location": "in_area", "local_authority": "Northam City Council",
            "summary": "Opened by the benchmark"}}
        script = wrk_script(work, "POST", "/api/v1/cases", manager, notification)
        for n in CONNECTIONS:
            commit_rates.append(sqlite_commit_rate(work))
            rows.append(("open a case (a notification)", n, run_wrk(server.port, n, seconds, script), commit_rates[-1],
                         server.memory_kb("VmHWM")))
            server.settle()
        for n in CONNECTIONS:
            # One step first, not counted, as each read is asked once before
            # its runs; then every case at the version the steps before left.
            deaths = cases_in_state(server.port, manager, "child_death_review", "gathering_information")
            case_id, version = deaths[0]
            status, _, answer = call(
                server.port, "POST", f"/api/v1/cases/{case_id}/commands",
                {"command": "request_agency_information", "expected_version": version,
                 "facts": {"agencies": [f"Benchmark agency asked first {time.time_ns()}"], "requested_on": TODAY}},
                manager)
            if status != 200:
                raise RuntimeError(f"a step on case {case_id}: {status} {answer}")
            deaths = cases_in_state(server.port, manager, "child_death_review", "gathering_information")
            script = step_script(work, manager, deaths, n)
            commit_rates.append(sqlite_commit_rate(work))
            rows.append(("a step on a case (agencies asked for a death's forms)", n,
                         run_wrk(server.port, n, seconds, script), commit_rates[-1], server.memory_kb("VmHWM")))
            server.settle()
        rss_kb = server.memory_kb("VmRSS")
        peak_kb = server.memory_kb("VmHWM")
        # The process maps the database file once (db/README.md): the kernel
        # counts the pages read through the map in RSS, though they are the
        # page cache's, shared and reclaimable. What the process holds itself
        # is its anonymous memory.
        anonymous_kb = server.memory_kb("Anonymous", "smaps_rollup")
        pss_kb = server.memory_kb("Pss", "smaps_rollup")
        # A minute after the last long request the server takes the file's
        # pages out of its resident set (web/src/memory_release.h): the
        # resident size of a server at rest.
        time.sleep(QUIET_RELEASE_S)
        rest_kb = server.memory_kb("VmRSS")
    finally:
        server.stop()
        subprocess.run(["rm", "-rf", work])

    print(f"casereview benchmark: {os.cpu_count()} cores, {cpu_model()}, {seconds} s a run, "
          f"database {os.path.getsize(db) / 1e6:.0f} MB")
    print()
    print("| request | connections | req/s | share of its ceiling | p50 | p99 | failed |")
    print("|---|---|---|---|---|---|---|")
    for what, n, r, ceiling_rate, _ in rows:
        print(f"| {what} | {n} | {r['rate']:,.0f} | {100 * r['rate'] / ceiling_rate:.0f}% | {r['p50']:.2f} ms | "
              f"{r['p99']:.2f} ms | {r['failed'] or ''}{' ' + r['socket_errors'] if r['socket_errors'] else ''} |")
    print()
    print("Each share is of the ceiling measured just before its run. The bare server's runs ranged "
          + "; ".join(f"{min(r['rate'] for r in ceiling_runs[n]):,.0f}-{max(r['rate'] for r in ceiling_runs[n]):,.0f}/s "
                      f"at {n} connection{'s' if n > 1 else ''}" for n in CONNECTIONS) + ".")
    print("SQLite single-row commits at synchronous=FULL on this disk (the writes' ceiling), before each write run: "
          + ", ".join(f"{r:,.0f}/s" for r in commit_rates))
    print(f"Start-up to the first health check answered: median {statistics.median(starts) * 1000:.0f} ms "
          f"(of {', '.join(f'{s * 1000:.0f}' for s in starts)} ms)")
    print(f"Memory after the runs: {anonymous_kb / 1024:.0f} MB of the process's own (anonymous), "
          f"{pss_kb / 1024:.0f} MB proportional (PSS); RSS {rss_kb / 1024:.0f} MB, peak {peak_kb / 1024:.0f} MB "
          f"(both with the pages of the mapped database file, the page cache's)")
    # Which runs raised the peak, and to what: the resident size's high mark
    # read after each run (the start and the sign-in before the first).
    raised, before = [], peak_at_start_kb
    for what, n, _, _, peak in rows:
        if peak > before:
            raised.append(f"{what} at {n}: {peak / 1024:.0f} MB")
            before = peak
    print(f"The peak after the start and sign-in (the warm-up still running): {peak_at_start_kb / 1024:.0f} MB; raised by "
          + ("; ".join(raised) if raised else "no run"))
    print(f"At rest ({QUIET_RELEASE_S} s after the last long request, once the server has released the mapped "
          f"file's pages): RSS {rest_kb / 1024:.0f} MB")


def cpu_model():
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return "unknown processor"


if __name__ == "__main__":
    main()
