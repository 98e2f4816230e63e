#!/usr/bin/python3
"""The crash harness: several writers issue real commands while the server is
killed with SIGKILL at random moments, cycle after cycle; afterwards every
write the server acknowledged must be there, the database must pass
PRAGMA integrity_check and `casereview audit verify` must pass.

Runs the real binary (--bin, or CASEREVIEW_BIN) on a database in a new
temporary directory, made with the binary's own commands (`user add`). Today is
fixed: CASEREVIEW_TEST_TODAY when set, otherwise 2022-09-16, given to every
casereview started here as --today and CASEREVIEW_TODAY; every date a writer
sends is counted back from it.

Each cycle: start `casereview serve` on the database (the same port each time),
let every writer sign in, wait a random 50-400 ms while the writers work, then
SIGKILL the server. A write is *acknowledged* when the server answered 2xx with
the case's reference and version; a request cut off by the kill (connection
refused or reset, an answer not read in full) is counted as cut off and never
as acknowledged: the writer reads the case again after the restart to learn
whether it was recorded. After the last cycle the server is started once more
and every acknowledged write is looked for through the API and directly in the
database (read-only): the case with its reference and kind, a version at least
the acknowledged one, and each acknowledged event with the hash the answer gave.

Standard library only; run by Debian's /usr/bin/python3. Exit 0 when nothing
was lost, integrity_check says ok and audit verify exits 0; 1 otherwise; 2 for
bad usage or a setup that failed; 3 when stopped by SIGTERM or SIGINT (the
server is killed first). The temporary directory is kept (and named) on
failure or with --keep.
"""

import argparse
import datetime
import http.client
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

PASSWORD = "Crash harness passphrase 2022!"
DEFAULT_TODAY = "2022-09-16"
HTTP_TIMEOUT_S = 30
START_TIMEOUT_S = 60
READY_TIMEOUT_S = 60
PORT_WAIT_S = 5

# Errors that mean the server went away under a request (the kill), never an answer.
CUT_OFF = (OSError, http.client.HTTPException)


class CutOff(Exception):
    """The request got no complete answer: the server was killed under it."""


class Unexpected(Exception):
    """The server answered, but not as a healthy server answers this request."""

    def __init__(self, what, status, body):
        super().__init__(f"{what}: HTTP {status}: {body[:400]}")
        self.status = status


def request(port, method, path, body=None, creds=None):
    """One request on a new connection; returns (status, parsed JSON or None, text,
    Set-Cookie or None). Raises CutOff when no complete answer arrived."""
    headers = {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if creds:
        headers["Cookie"] = creds["cookie"]
        if method not in ("GET", "HEAD"):
            headers["X-CSRF-Token"] = creds["csrf"]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=HTTP_TIMEOUT_S)
    try:
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        raw = resp.read()
        status = resp.status
        cookie = resp.getheader("Set-Cookie")
    except CUT_OFF as e:
        raise CutOff(f"{type(e).__name__}: {e}") from e
    finally:
        conn.close()
    text = raw.decode("utf-8", "replace")
    parsed = None
    if text:
        try:
            parsed = json.loads(text)
        except ValueError:
            parsed = None
    return status, parsed, text, cookie


def sign_in(port, username):
    """POST /api/v1/session; the session cookie and the CSRF token. Busy or
    throttled sign-ins (503, 429) are tried again."""
    for _ in range(200):
        status, parsed, text, cookie = request(
            port, "POST", "/api/v1/session", {"username": username, "password": PASSWORD})
        if status == 200 and cookie and parsed and parsed.get("csrf_token"):
            return {"cookie": cookie.split(";", 1)[0], "csrf": parsed["csrf_token"]}
        if status in (429, 503):
            time.sleep(0.05)
            continue
        raise Unexpected(f"sign-in of {username}", status, text)
    raise Unexpected(f"sign-in of {username}", 503, "still busy after 200 tries")


def alpha(n):
    """A number as letters (names take letters only): 0 -> A, 26 -> BA."""
    out = ""
    while True:
        out = chr(ord("A") + n % 26) + out
        n //= 26
        if n == 0:
            return out


# ---------------------------------------------------------------------------
# What the writers send. Every date is counted back from today, so that no
# date is in the future whatever day the harness runs on.


class Scripts:
    def __init__(self, today):
        self.today = today

    def day(self, back):
        return (self.today - datetime.timedelta(days=back)).isoformat()

    def open_death(self, writer, n):
        d = self.day
        born = (self.today - datetime.timedelta(days=400 + 37 * writer + n % 300)).isoformat()
        return {
            "kind": "child_death_review",
            "facts": {
                "date_of_death": d(12), "time_of_death": "04:30", "place_of_death": "home",
                "notified_on": d(12), "notified_time": "10:00", "expected": "unexpected",
                "jar_triggers": ["sudden_no_apparent_cause"],
                "resident_local_authority": "Northam City Council",
                "notified_by": "Emergency department consultant",
                "summary": f"Crash harness death {writer}-{n}: infant found unresponsive",
                "given_name": "Kilroy", "family_name": "Writer" + alpha(writer) + "Case" + alpha(n).lower(),
                "date_of_birth": born,
            },
        }

    def death_steps(self):
        d = self.day
        return [
            ("record_jar_discussion",
             {"held_on": d(12), "held_time": "14:00", "agencies": ["Police", "Paediatrician"]}),
            ("request_agency_information", {"agencies": ["GP", "Police", "Health visiting"], "requested_on": d(11)}),
            ("record_agency_return", {"agency": "GP", "returned_on": d(8)}),
            ("record_agency_return", {"agency": "Police", "returned_on": d(7)}),
            ("record_agency_return", {"agency": "Health visiting", "returned_on": d(6)}),
            ("record_review_meeting", {"held_on": d(3), "agencies_attended": ["GP", "Police", "Health visiting"]}),
        ]

    def open_incident(self, writer, n):
        return {
            "kind": "serious_incident_notification",
            "facts": {
                "became_aware_on": self.day(4), "harm": "serious_harm", "abuse_or_neglect": "suspected",
                "location": "in_area", "local_authority": "Northam City Council",
                "summary": f"Crash harness incident {writer}-{n}: infant with unexplained bruising",
            },
        }

    def incident_steps(self):
        d = self.day
        return [
            ("record_partners_informed", {"informed_on": d(3), "partners": ["Local authority", "Police", "ICB"]}),
            ("submit_notification", {"submitted_on": d(2)}),  # opens the rapid review
        ]

    def rapid_review_steps(self):
        d = self.day
        return [
            ("request_agency_information",
             {"agencies": ["Police", "Health", "Children's social care"], "requested_on": d(2)}),
            ("record_agency_return", {"agency": "Police", "returned_on": d(1)}),
            ("record_agency_return", {"agency": "Health", "returned_on": d(1)}),
            ("record_meeting", {"held_on": d(1), "agencies_attended": ["Police", "Health", "Children's social care"]}),
            ("record_decision", {
                "decided_on": d(0), "decision": "no_lcspr",
                "rationale": "The learning is known and being acted on already.",
                "learning_taken_forward": "A practice briefing and a single-agency audit.",
                "immediate_safety_actions": ["Siblings seen and safe"],
                "facts": "Infant with bruising; the explanation does not fit.",
                "key_practice_episodes": "A bruise seen at a health contact and not referred.",
                "inequalities": "None found in the family's circumstances.",
                "local_review_criteria": ["recurrent_themes"],
                "parallel_processes": ["police_investigation"],
                "partners_agreeing": ["local_authority", "integrated_care_board", "police"],
                "learning_themes": ["professional_curiosity"],
            }),
            ("submit_to_panel", {"submitted_on": d(0)}),
        ]

    def steps_for(self, kind):
        return {
            "child_death_review": self.death_steps,
            "serious_incident_notification": self.incident_steps,
            "rapid_review": self.rapid_review_steps,
        }[kind]()


# ---------------------------------------------------------------------------
# The record of what the server acknowledged, shared by the writers.


class Ledger:
    def __init__(self):
        self.lock = threading.Lock()
        self.cases = {}  # id -> {"reference", "kind", "version", "head_hash", "events": {seq: hash}, "cycle"}
        self.acks = []  # (kind of write, case id, cycle, [(seq, hash)]) in the order acknowledged
        self.counts = {}  # "open child_death_review", "command rapid_review", "linked rapid_review" -> n
        self.cut_off = {"open": 0, "command": 0, "read": 0, "sign-in": 0}
        self.unexpected = []  # texts
        self.committed_unacknowledged_commands = 0

    def _count(self, key):
        self.counts[key] = self.counts.get(key, 0) + 1

    def _case(self, case_id, reference, kind, cycle):
        c = self.cases.get(case_id)
        if c is None:
            c = {"reference": reference, "kind": kind, "version": 0, "head_hash": None, "events": {}, "cycle": cycle}
            self.cases[case_id] = c
        return c

    def acknowledged_open(self, answer, cycle):
        with self.lock:
            c = self._case(answer["id"], answer["reference"], answer["kind"], cycle)
            if answer["version"] >= c["version"]:
                c["version"], c["head_hash"] = answer["version"], answer["head_hash"]
            # The head is the hash of the case's last event, the version-th.
            c["events"][answer["version"]] = answer["head_hash"]
            self.acks.append(("open " + answer["kind"], answer["id"], cycle,
                              [(answer["version"], answer["head_hash"])]))
            self._count("open " + answer["kind"])

    def acknowledged_command(self, command, answer, cycle):
        with self.lock:
            c = self._case(answer["id"], answer["reference"], answer["kind"], cycle)
            events = [(e["seq"], e["hash"]) for e in answer.get("new_events", [])]
            for seq, h in events:
                c["events"][seq] = h
            c["events"][answer["version"]] = answer["head_hash"]
            if answer["version"] >= c["version"]:
                c["version"], c["head_hash"] = answer["version"], answer["head_hash"]
            self.acks.append((f"{command} on {answer['kind']}", answer["id"], cycle, events))
            self._count("command " + answer["kind"])
            opened = []
            for linked in answer.get("opened_cases", []):
                lc = self._case(linked["id"], linked["reference"], linked["kind"], cycle)
                lc["version"] = max(lc["version"], linked["version"])
                self.acks.append(("linked " + linked["kind"], linked["id"], cycle, []))
                self._count("linked " + linked["kind"])
                opened.append(linked)
            return opened

    def cut(self, what):
        with self.lock:
            self.cut_off[what] += 1

    def problem(self, text):
        with self.lock:
            self.unexpected.append(text)


# ---------------------------------------------------------------------------
# The server: started, killed, restarted on the same database and port.


class Server:
    def __init__(self, binary, db, today, workdir, env):
        self.binary, self.db, self.today, self.workdir, self.env = binary, db, today, workdir, env
        self.proc = None
        self.port = 0
        self.starts = 0
        self.port_waits = 0  # tries that found the port still taken and waited
        self.port_moves = 0  # restarts that moved to a new port after waiting PORT_WAIT_S

    def _spawn(self, port):
        self.starts += 1
        out = os.path.join(self.workdir, f"serve-{self.starts:03d}.out")
        err = os.path.join(self.workdir, f"serve-{self.starts:03d}.err")
        args = [self.binary, "serve", "--db", self.db, "--port", str(port), "--today", self.today, "--threads", "4"]
        with open(out, "wb") as o, open(err, "wb") as e:
            proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=o, stderr=e, env=self.env)
        return proc, out, err

    def start(self):
        """Starts `serve` on the port of the first start (a free one the first
        time). A port still taken a moment after the kill is waited for; if
        something else has taken it meanwhile (another program on this machine),
        the server moves to a new free port. Returns the port; raises
        RuntimeError when the server cannot start."""
        deadline = time.monotonic() + START_TIMEOUT_S
        port_wait_until = time.monotonic() + PORT_WAIT_S
        port = self.port
        while True:
            proc, out, err = self._spawn(port)
            marker = "://127.0.0.1:"
            while True:
                try:
                    with open(out, "r", errors="replace") as f:
                        text = f.read()
                except OSError:
                    text = ""
                at = text.find(marker)
                if at >= 0 and "/" in text[at + len(marker):]:
                    self.port = int(text[at + len(marker):].split("/", 1)[0])
                    self.proc = proc
                    return self.port
                code = proc.poll()
                if code is not None:
                    break
                if time.monotonic() > deadline:
                    proc.kill()
                    proc.wait()
                    raise RuntimeError(f"casereview serve did not start within {START_TIMEOUT_S} s; see {err}")
                time.sleep(0.005)
            with open(err, "r", errors="replace") as f:
                log = f.read()
            # Exit 3 naming the port: it is still held. Anything else is a failure.
            if code == 3 and port and "port" in log and time.monotonic() < deadline:
                if time.monotonic() < port_wait_until:
                    self.port_waits += 1
                    time.sleep(0.1)
                else:
                    self.port_moves += 1
                    port = 0
                continue
            raise RuntimeError(f"casereview serve exited {code}: {log.strip()[-2000:]}")

    def exited(self):
        """The exit code if the server has stopped by itself, else None."""
        return None if self.proc is None else self.proc.poll()

    def log_path(self):
        return os.path.join(self.workdir, f"serve-{self.starts:03d}.err")

    def kill(self):
        """SIGKILL. Returns the exit code if the server had already stopped by itself."""
        if self.proc is None:
            return None
        code = self.proc.poll()
        if code is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()
        self.proc = None
        return code

    def stop(self):
        """SIGTERM, and the exit code."""
        if self.proc is None:
            return None
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            code = self.proc.wait()
        self.proc = None
        return code


# ---------------------------------------------------------------------------
# The writers and what coordinates them with the kills.


class Coordinator:
    def __init__(self, writers):
        self.cond = threading.Condition()
        self.writers = writers
        self.generation = 0
        self.port = None
        self.cycle = 0
        self.ready = 0
        self.parked = 0  # writers waiting for the next server
        self.finished = False

    def serving(self, port, cycle):
        with self.cond:
            self.generation += 1
            self.port = port
            self.cycle = cycle
            self.ready = 0
            self.cond.notify_all()

    def finish(self):
        with self.cond:
            self.finished = True
            self.cond.notify_all()

    def next_server(self, seen):
        """Waits for a server newer than generation `seen`; None when the run is over."""
        with self.cond:
            self.parked += 1
            self.cond.notify_all()
            while not self.finished and self.generation == seen:
                self.cond.wait()
            self.parked -= 1
            if self.finished:
                return None
            return self.generation, self.port, self.cycle

    def signed_in(self, generation):
        with self.cond:
            if generation == self.generation:
                self.ready += 1
                self.cond.notify_all()

    def wait_all_parked(self, alive, timeout):
        """After a kill: until every writer still running has seen its server go."""
        end = time.monotonic() + timeout
        with self.cond:
            while self.parked < alive():
                left = end - time.monotonic()
                if left <= 0:
                    return False
                self.cond.wait(min(left, 0.5))
            return True

    def wait_all_signed_in(self, timeout, server_gone):
        """Until every writer has signed in to the current server; False when
        `timeout` passes or `server_gone()` says the server stopped by itself."""
        end = time.monotonic() + timeout
        with self.cond:
            while self.ready < self.writers:
                left = end - time.monotonic()
                if left <= 0 or server_gone():
                    return False
                self.cond.wait(min(left, 0.05))
            return True


class Writer(threading.Thread):
    def __init__(self, number, coordinator, ledger, scripts, seed, open_share):
        super().__init__(name=f"writer{number}", daemon=True)
        self.number = number
        self.username = f"writer{number}"
        self.coordinator, self.ledger, self.scripts = coordinator, ledger, scripts
        self.rng = random.Random(seed)
        self.open_share = open_share
        self.opened = 0
        # The writer's cases still to work on: id -> {"kind", "version", "step", "uncertain": command or None}
        self.active = {}
        self.error = None

    def run(self):
        generation = 0
        while True:
            nxt = self.coordinator.next_server(generation)
            if nxt is None:
                return
            generation, port, cycle = nxt
            try:
                creds = sign_in(port, self.username)
            except CutOff:
                self.ledger.cut("sign-in")
                continue
            except Unexpected as e:
                self.ledger.problem(f"{self.username} in cycle {cycle}: {e}")
                continue
            self.coordinator.signed_in(generation)
            try:
                self.work(port, creds, cycle, generation)
            except CutOff:
                continue  # counted where it happened; wait for the next server
            except Exception as e:  # noqa: BLE001 - a fault of the harness must not hang the run
                self.ledger.problem(f"{self.username} in cycle {cycle}: {type(e).__name__}: {e}")
                self.error = e
                return

    def work(self, port, creds, cycle, generation):
        """Writes until the server goes away (CutOff) or another has started."""
        # Cases whose last command was cut off: read them to learn whether it was recorded.
        for case_id, state in list(self.active.items()):
            if state["uncertain"] is not None:
                try:
                    self.resync(port, creds, case_id, state)
                except Unexpected as e:
                    self.ledger.problem(f"{self.username} in cycle {cycle}: {e}")
                    del self.active[case_id]
        while self.coordinator.generation == generation:
            try:
                if not self.active or self.rng.random() < self.open_share:
                    self.open_case(port, creds, cycle)
                else:
                    case_id = self.rng.choice(list(self.active))
                    self.step(port, creds, cycle, case_id)
            except Unexpected as e:
                self.ledger.problem(f"{self.username} in cycle {cycle}: {e}")
                if len(self.ledger.unexpected) > 200:
                    raise
                if e.status >= 500 or e.status in (401, 403):
                    return  # wait for the next server

    def resync(self, port, creds, case_id, state):
        try:
            status, answer, text, _ = request(port, "GET", f"/api/v1/cases/{case_id}", creds=creds)
        except CutOff:
            self.ledger.cut("read")
            raise
        if status != 200 or not answer:
            raise Unexpected(f"reading case {case_id} again", status, text)
        command = state["uncertain"]
        state["uncertain"] = None
        if answer["version"] > state["version"]:
            # The cut-off command was recorded: go on from the next step.
            with self.ledger.lock:
                self.ledger.committed_unacknowledged_commands += 1
            state["version"] = answer["version"]
            state["step"] += 1
            if command == "submit_notification":
                for linked in answer.get("spine", []):
                    if linked.get("parent_case_id") == case_id and linked.get("kind") == "rapid_review":
                        self.active[linked["id"]] = {"kind": "rapid_review", "version": linked["version"],
                                                     "step": 0, "uncertain": None}
            self.retire_if_done(case_id, state)

    def retire_if_done(self, case_id, state):
        if state["step"] >= len(self.scripts.steps_for(state["kind"])):
            del self.active[case_id]

    def open_case(self, port, creds, cycle):
        self.opened += 1
        n = self.opened
        if self.rng.random() < 0.5:
            body = self.scripts.open_death(self.number, n)
        else:
            body = self.scripts.open_incident(self.number, n)
        try:
            status, answer, text, _ = request(port, "POST", "/api/v1/cases", body, creds)
        except CutOff:
            # Perhaps recorded, perhaps not: never acknowledged, and not worked on again.
            self.ledger.cut("open")
            raise
        if status != 201 or not answer or "reference" not in answer or "version" not in answer:
            raise Unexpected(f"opening a {body['kind']}", status, text)
        self.ledger.acknowledged_open(answer, cycle)
        self.active[answer["id"]] = {"kind": answer["kind"], "version": answer["version"], "step": 0,
                                     "uncertain": None}

    def step(self, port, creds, cycle, case_id):
        state = self.active[case_id]
        command, facts = self.scripts.steps_for(state["kind"])[state["step"]]
        body = {"command": command, "expected_version": state["version"], "facts": facts}
        try:
            status, answer, text, _ = request(port, "POST", f"/api/v1/cases/{case_id}/commands", body, creds)
        except CutOff:
            state["uncertain"] = command
            self.ledger.cut("command")
            raise
        if status != 200 or not answer or "reference" not in answer or "version" not in answer:
            del self.active[case_id]  # do not repeat a refused step
            raise Unexpected(f"{command} on case {case_id} at version {state['version']}", status, text)
        opened = self.ledger.acknowledged_command(command, answer, cycle)
        state["version"] = answer["version"]
        state["step"] += 1
        for linked in opened:
            if linked["kind"] == "rapid_review":
                self.active[linked["id"]] = {"kind": linked["kind"], "version": linked["version"], "step": 0,
                                             "uncertain": None}
        self.retire_if_done(case_id, state)


# ---------------------------------------------------------------------------
# Checking afterwards: every acknowledged case and event, read back once through
# the API and once directly from the database file (read-only).


def read_through_api(port, creds, ledger):
    """case id -> {"reference", "kind", "version", "events": {seq: hash}} as the API shows it."""
    rows = {}
    for case_id in sorted(ledger.cases):
        status, answer, _, _ = request(port, "GET", f"/api/v1/cases/{case_id}", creds=creds)
        if status != 200 or not answer:
            continue
        row = {"reference": answer["reference"], "kind": answer["kind"], "version": answer["version"], "events": {}}
        status, timeline, _, _ = request(port, "GET", f"/api/v1/cases/{case_id}/timeline", creds=creds)
        if status == 200 and timeline:
            row["events"] = {e["seq"]: e["hash"] for e in timeline["events"]}
        rows[case_id] = row
    return rows


def open_read_only(db):
    return sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)


def read_database(db):
    """The same from the file: every case row with its events."""
    rows = {}
    conn = open_read_only(db)
    try:
        for case_id, reference, kind, version in conn.execute("SELECT id, reference, kind, version FROM cases"):
            rows[case_id] = {"reference": reference, "kind": kind, "version": version, "events": {}}
        for case_id, seq, h in conn.execute("SELECT case_id, seq, hash FROM case_events"):
            if case_id in rows:
                rows[case_id]["events"][seq] = h
    finally:
        conn.close()
    return rows


def compare(ledger, rows, source):
    """What of the acknowledged record `rows` lacks: (problem texts, case id -> set of
    "case" or event numbers missing)."""
    problems, missing = [], {}
    for case_id, c in sorted(ledger.cases.items()):
        row = rows.get(case_id)
        where = f"{source}: case {case_id} ({c['reference']}, acknowledged in cycle {c['cycle']})"
        if row is None:
            problems.append(f"{where} not found")
            missing.setdefault(case_id, set()).add("case")
            continue
        if row["reference"] != c["reference"] or row["kind"] != c["kind"]:
            problems.append(f"{where} is {row['reference']} {row['kind']}")
            missing.setdefault(case_id, set()).add("case")
        if row["version"] < c["version"]:
            problems.append(f"{where} at version {row['version']}, acknowledged at {c['version']}")
        gaps = [seq for seq in range(1, row["version"] + 1) if seq not in row["events"]]
        if gaps:
            problems.append(f"{where} at version {row['version']} lacks events {gaps}")
        for seq, h in sorted(c["events"].items()):
            if row["events"].get(seq) != h:
                problems.append(f"{where} event {seq}: acknowledged hash {h[:12]}, "
                                f"found {str(row['events'].get(seq))[:12]}")
                missing.setdefault(case_id, set()).add(seq)
    return problems, missing


def lost_writes(ledger, missing):
    """How many acknowledged writes (each open, command or linked case) are not all there."""
    lost = 0
    for _kind, case_id, _cycle, events in ledger.acks:
        bad = missing.get(case_id)
        if bad and ("case" in bad or any(seq in bad for seq, _ in events)):
            lost += 1
    return lost


def integrity_check(db):
    """PRAGMA integrity_check on a read-only connection: "ok", or what it found."""
    try:
        conn = open_read_only(db)
        try:
            rows = conn.execute("PRAGMA integrity_check").fetchall()
        finally:
            conn.close()
    except sqlite3.Error as e:
        return f"{type(e).__name__}: {e}"
    return "; ".join(r[0] for r in rows)


# ---------------------------------------------------------------------------


def first_failure_line(log_path):
    """The first line of a server's log that is not an ordinary INFO line."""
    try:
        with open(log_path, errors="replace") as f:
            for line in f:
                if " INFO " not in line and any(ch.isalnum() for ch in line):
                    return line.strip()[:300]
    except OSError:
        pass
    return "nothing in its log"


def clean_environment(today):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEREVIEW_")}
    env["CASEREVIEW_TODAY"] = today
    return env


def run_cli(binary, args, env, stdin_text=""):
    p = subprocess.run([binary] + args, input=stdin_text.encode(), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       env=env, timeout=300)
    return p.returncode, p.stdout.decode(errors="replace"), p.stderr.decode(errors="replace")


def parse_args(argv):
    p = argparse.ArgumentParser(description="SIGKILL the casereview server under several writers, cycle after "
                                            "cycle, then check that no acknowledged write was lost.")
    p.add_argument("--bin", default=os.environ.get("CASEREVIEW_BIN"),
                   help="the casereview binary (default: $CASEREVIEW_BIN)")
    p.add_argument("--cycles", type=int, default=50, help="kills and restarts (default 50)")
    p.add_argument("--writers", type=int, default=4, help="writer threads, each its own user (default 4)")
    p.add_argument("--seed", type=int, default=None, help="random seed (default: from the clock; always printed)")
    p.add_argument("--min-delay-ms", type=int, default=50, help="earliest kill after the writers signed in")
    p.add_argument("--max-delay-ms", type=int, default=400, help="latest kill after the writers signed in")
    p.add_argument("--keep", action="store_true", help="keep the temporary directory (always kept on failure)")
    p.add_argument("--quiet", action="store_true", help="no line per cycle")
    args = p.parse_args(argv)
    if not args.bin:
        p.error("give the binary with --bin or CASEREVIEW_BIN")
    if not (os.path.isfile(args.bin) and os.access(args.bin, os.X_OK)):
        p.error(f"not an executable file: {args.bin}")
    if args.cycles < 1 or args.writers < 1 or not (0 <= args.min_delay_ms <= args.max_delay_ms):
        p.error("--cycles and --writers at least 1; 0 <= --min-delay-ms <= --max-delay-ms")
    return args


def main(argv):
    args = parse_args(argv)
    seed = args.seed if args.seed is not None else int(time.time() * 1000) % 1_000_000_007
    today_text = os.environ.get("CASEREVIEW_TEST_TODAY") or DEFAULT_TODAY
    try:
        today = datetime.date.fromisoformat(today_text)
    except ValueError:
        print(f"CASEREVIEW_TEST_TODAY is not a date: {today_text}", file=sys.stderr)
        return 2
    binary = os.path.abspath(args.bin)
    workdir = tempfile.mkdtemp(prefix="casereview-crash-")
    db = os.path.join(workdir, "crash.db")
    env = clean_environment(today_text)
    rng = random.Random(seed)
    started = time.monotonic()
    print(f"crash harness: seed {seed}, {args.cycles} cycles, {args.writers} writers, today {today_text}, "
          f"kill {args.min_delay_ms}-{args.max_delay_ms} ms after sign-in")
    print(f"  binary {binary}")
    print(f"  directory {workdir}")
    sys.stdout.flush()

    server = Server(binary, db, today_text, workdir, env)
    ledger = Ledger()
    coordinator = Coordinator(args.writers)
    writers = []
    failure = None

    def on_signal(signum, _frame):
        server.kill()
        print(f"crash harness: stopped by signal {signum}; directory kept: {workdir}", file=sys.stderr)
        os._exit(3)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    try:
        # The writers' accounts, made as an installer would.
        for w in range(1, args.writers + 1):
            code, _out, err = run_cli(binary, ["user", "add", f"writer{w}", "--role", "manager", "--password-stdin",
                                               "--db", db], env, PASSWORD + "\n")
            if code != 0:
                print(f"crash harness: user add writer{w} exited {code}: {err}", file=sys.stderr)
                print(f"  directory kept: {workdir}")
                return 2
        scripts = Scripts(today)
        for w in range(1, args.writers + 1):
            t = Writer(w, coordinator, ledger, scripts, seed * 1000 + w, open_share=0.3)
            writers.append(t)
            t.start()

        delays = []
        crashes = []
        for cycle in range(1, args.cycles + 1):
            acks_before = len(ledger.acks)
            cut_before = sum(ledger.cut_off.values())
            port = server.start()
            coordinator.serving(port, cycle)
            delay_ms = rng.randint(args.min_delay_ms, args.max_delay_ms)
            delays.append(delay_ms)
            if coordinator.wait_all_signed_in(READY_TIMEOUT_S, lambda: server.exited() is not None):
                time.sleep(delay_ms / 1000.0)
            elif server.exited() is None:
                ledger.problem(f"cycle {cycle}: not every writer signed in within {READY_TIMEOUT_S} s")
            log = server.log_path()
            code = server.kill()
            if code is not None:
                # Nobody stopped it: the server crashed (or exited) under the writers.
                crashes.append(f"cycle {cycle}: the server stopped by itself with exit {code}: "
                               f"{first_failure_line(log)} (see {log})")
            # Every writer sees its request fail (or its next one refused) before the next start.
            if not coordinator.wait_all_parked(lambda: sum(t.is_alive() for t in writers), HTTP_TIMEOUT_S + 5):
                ledger.problem(f"cycle {cycle}: a writer did not notice the kill within {HTTP_TIMEOUT_S + 5} s")
            if not args.quiet:
                with ledger.lock:
                    acked = len(ledger.acks) - acks_before
                    cut = sum(ledger.cut_off.values()) - cut_before
                how = f"killed after {delay_ms:3d} ms" if code is None else f"stopped by itself (exit {code})"
                print(f"  cycle {cycle:3d}: {how}: {acked:3d} writes acknowledged, {cut} cut off")
                sys.stdout.flush()
            dead = [t.name for t in writers if not t.is_alive()]
            if dead:
                failure = f"writer(s) stopped: {', '.join(dead)}"
                break
        coordinator.finish()
        for t in writers:
            t.join(timeout=HTTP_TIMEOUT_S + 5)
        kill_phase_s = time.monotonic() - started

        # Once more, to read everything back.
        port = server.start()
        creds = sign_in(port, "writer1")
        api_problems, api_missing = compare(ledger, read_through_api(port, creds, ledger), "API")
        db_rows = read_database(db)
        db_problems, db_missing = compare(ledger, db_rows, "database")
        total_cases = len(db_rows)
        stop_code = server.stop()
        missing = {k: api_missing.get(k, set()) | db_missing.get(k, set()) for k in set(api_missing) | set(db_missing)}
        lost = lost_writes(ledger, missing)
        integrity = integrity_check(db)
        audit_code, audit_out, audit_err = run_cli(binary, ["audit", "verify", "--db", db], env)
        errors_logged = 0
        for name in os.listdir(workdir):
            if name.startswith("serve-") and name.endswith(".err"):
                with open(os.path.join(workdir, name), errors="replace") as f:
                    errors_logged += sum(1 for line in f if " INTERNAL_ERROR " in line)
    except (RuntimeError, CutOff, Unexpected, sqlite3.Error, subprocess.TimeoutExpired) as e:
        server.kill()
        coordinator.finish()
        print(f"crash harness: FAILED: {e}", file=sys.stderr)
        print(f"  seed {seed}; directory kept: {workdir}")
        return 1
    finally:
        server.kill()

    wall_s = time.monotonic() - started
    acknowledged = len(ledger.acks)
    unacknowledged_cases = total_cases - len(ledger.cases)
    print("crash harness: results")
    print(f"  seed                         {seed}")
    print(f"  today                        {today_text}")
    print(f"  cycles                       {len(delays)} (kill delays {min(delays)}-{max(delays)} ms, "
          f"waits for the port: {server.port_waits}, moves to a new port: {server.port_moves})")
    print(f"  writers                      {args.writers}")
    print(f"  acknowledged writes          {acknowledged}")
    for key in sorted(ledger.counts):
        print(f"    {key:<40} {ledger.counts[key]}")
    print(f"  cut off by the kill          {sum(ledger.cut_off.values())} "
          f"(open {ledger.cut_off['open']}, command {ledger.cut_off['command']}, "
          f"read {ledger.cut_off['read']}, sign-in {ledger.cut_off['sign-in']})")
    print(f"    recorded all the same      {unacknowledged_cases} cases opened, "
          f"{ledger.committed_unacknowledged_commands} commands (found on reading the case again)")
    print(f"  cases in the database        {total_cases} ({len(ledger.cases)} acknowledged)")
    print(f"  unexpected answers           {len(ledger.unexpected)}")
    for text in ledger.unexpected[:20]:
        print(f"    {text}")
    print(f"  server crashes               {len(crashes)}")
    for text in crashes[:10]:
        print(f"    {text}")
    print(f"  server errors logged         {errors_logged}")
    print(f"  lost                         {lost}")
    for text in (api_problems + db_problems)[:40]:
        print(f"    {text}")
    print(f"  integrity_check              {integrity}")
    print(f"  audit verify                 exit {audit_code}")
    if audit_code != 0:
        print("    " + (audit_out + audit_err).strip().replace("\n", "\n    ")[:4000])
    print(f"  final server stop            exit {stop_code}")
    print(f"  wall time                    {wall_s:.1f} s (kill cycles {kill_phase_s:.1f} s)")

    failed = []
    if failure:
        failed.append(failure)
    if lost:
        failed.append(f"{lost} acknowledged writes lost")
    if api_problems or db_problems:
        failed.append(f"{len(api_problems) + len(db_problems)} problems found reading back")
    if integrity != "ok":
        failed.append("integrity_check: " + integrity)
    if audit_code != 0:
        failed.append(f"audit verify exit {audit_code}")
    if stop_code != 0:
        failed.append(f"the last server exited {stop_code} on SIGTERM")
    if crashes:
        failed.append(f"the server stopped by itself {len(crashes)} times")
    if ledger.unexpected:
        failed.append(f"{len(ledger.unexpected)} unexpected answers")
    if errors_logged:
        failed.append(f"{errors_logged} INTERNAL_ERROR lines in the server's log")
    if acknowledged == 0:
        failed.append("no write was acknowledged: nothing was tested")
    summary = {"seed": seed, "cycles": len(delays), "writers": args.writers, "acknowledged": acknowledged,
               "acknowledged_by_kind": ledger.counts, "cut_off": ledger.cut_off, "lost": lost,
               "integrity_check": integrity, "audit_verify_exit": audit_code, "server_crashes": len(crashes),
               "wall_seconds": round(wall_s, 1)}
    print("RESULT " + json.dumps(summary, sort_keys=True))
    if failed:
        print("crash harness: FAILED: " + "; ".join(failed))
        print(f"  repeat with --seed {seed}; directory kept: {workdir}")
        return 1
    print("crash harness: PASSED")
    if args.keep:
        print(f"  directory kept: {workdir}")
    else:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
