#!/usr/bin/python3
"""A full disk and a read-only database file: commands answer 503 with nothing
half-written, reads keep working, and the server recovers by itself.

The database lives on a small tmpfs of its own (a real file system that fills
up), mounted in a private mount namespace (`unshare --mount`) so that nothing
is left mounted whatever happens to this script. Runs as root: mounting needs
it, and so does the read-only part, which runs the server as `nobody` because
root writes through any file mode. Not root, it runs itself again through
`sudo -n`, and without that it fails (exit 2) saying why.

Full disk: a server (4 threads) on the tmpfs opens a few cases; a ballast file
then takes every free byte, and commands (new cases and steps on open ones) are
sent until several were refused. Every answer must be 2xx (SQLite still had
room in pages it had already allocated) or 503 STORAGE_FULL with Retry-After,
never anything else; after each refusal, reads (the case list, a case, health)
must answer 200. A refused new case must be absent from the database, and no
case's version may differ from the last one acknowledged. Then the ballast is
removed and, on the same server, every refused command goes through with the
same expected version, and every refused case opens.

Read-only: the server is stopped, the database file made read-only (0444) and
the server started again as `nobody`. With a session from before, reads answer
200 and every command 503 STORAGE_READ_ONLY with Retry-After; once the file is
made writable again, the same server takes the commands.

At the end PRAGMA integrity_check says ok, `casereview audit verify` exits 0,
and every acknowledged write is there (the case at its acknowledged version).
No duration is asserted. Exit 0 when all holds, 1 otherwise, 2 for a setup
that could not be made.

usage: storage_faults.py [--bin PATH] [--keep]
"""

import argparse
import errno
import http.client
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.dont_write_bytecode = True  # nothing written into the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crash"))
from crash_harness import PASSWORD, Scripts, clean_environment, integrity_check, run_cli  # noqa: E402

import datetime  # noqa: E402

DEFAULT_TODAY = "2022-09-16"
TMPFS_SIZE = "24m"
NOBODY = 65534
START_TIMEOUT_S = 60
STOP_WAIT_S = 30
REFUSALS_WANTED = 6     # refused commands to see while the disk is full
MAX_FULL_ATTEMPTS = 400
IN_NAMESPACE = "CASEREVIEW_STORAGE_FAULTS_NAMESPACE"


class Failed(Exception):
    pass


def call(port, method, path, body=None, creds=None):
    """One request; (status, parsed JSON or None, text, headers as a dict with
    lower-case names)."""
    headers = {}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    if creds:
        headers["Cookie"] = creds["cookie"]
        if method != "GET":
            headers["X-CSRF-Token"] = creds["csrf"]
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        conn.request(method, path, body=data, headers=headers)
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        answer_headers = {k.lower(): v for k, v in resp.getheaders()}
        status = resp.status
    finally:
        conn.close()
    try:
        parsed = json.loads(text) if text else None
    except ValueError:
        parsed = None
    return status, parsed, text, answer_headers


def refused_as(code, status, parsed, headers):
    """True when the answer is 503 `code` with a Retry-After of whole seconds."""
    return (status == 503 and isinstance(parsed, dict) and parsed.get("code") == code
            and headers.get("retry-after", "").isdigit())


class Server:
    """`casereview serve` on the database, on a free loopback port, optionally as `nobody`."""

    def __init__(self, binary, db, today, workdir, env):
        self.binary, self.db, self.today, self.workdir, self.env = binary, db, today, workdir, env
        self.proc = None
        self.port = None
        self.starts = 0

    def start(self, as_nobody=False):
        self.starts += 1
        self.out = os.path.join(self.workdir, f"serve-{self.starts}.out")
        self.err = os.path.join(self.workdir, f"serve-{self.starts}.err")
        args = [self.binary, "serve", "--db", self.db, "--port", "0", "--today", self.today, "--threads", "4"]
        # The server dies with this script, whoever kills it (setpriv sets the
        # signal after changing user, which would clear one set before).
        user = [f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups"] if as_nobody else []
        args = ["setpriv", "--pdeathsig", "KILL"] + user + args
        with open(self.out, "wb") as o, open(self.err, "wb") as e:
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=o, stderr=e, env=self.env)
        marker = "://127.0.0.1:"
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            with open(self.out, errors="replace") as f:
                text = f.read()
            at = text.find(marker)
            if at >= 0 and "/" in text[at + len(marker):]:
                self.port = int(text[at + len(marker):].split("/", 1)[0])
                return self.port
            if self.proc.poll() is not None:
                raise Failed(f"casereview serve exited {self.proc.returncode}: {self.log()[-2000:]}")
            time.sleep(0.02)
        raise Failed(f"casereview serve did not start within {START_TIMEOUT_S} s")

    def log(self):
        with open(self.err, errors="replace") as f:
            return f.read()

    def stop(self):
        """SIGTERM; the exit code (the server is killed if it has not exited in STOP_WAIT_S)."""
        if self.proc is None or self.proc.poll() is not None:
            return None if self.proc is None else self.proc.returncode
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=STOP_WAIT_S)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None


class Cases:
    """What the server acknowledged: each case's id, kind, version and next step."""

    def __init__(self, scripts):
        self.scripts = scripts
        self.by_id = {}
        self.opened = 0

    def next_open(self):
        self.opened += 1
        return self.scripts.open_death(1, self.opened)

    def acknowledge_open(self, answer):
        self.by_id[answer["id"]] = {"version": answer["version"], "step": 0}

    def next_command(self, case_id):
        case = self.by_id[case_id]
        steps = self.scripts.death_steps()
        if case["step"] >= len(steps):
            return None
        command, facts = steps[case["step"]]
        return {"command": command, "expected_version": case["version"], "facts": facts}

    def acknowledge_command(self, case_id, answer):
        self.by_id[case_id]["version"] = answer["version"]
        self.by_id[case_id]["step"] += 1


def open_case(port, creds, cases, body):
    status, parsed, text, headers = call(port, "POST", "/api/v1/cases", body, creds)
    if status == 201 and parsed and "id" in parsed:
        cases.acknowledge_open(parsed)
    return status, parsed, text, headers


def step_case(port, creds, cases, case_id, body):
    status, parsed, text, headers = call(port, "POST", f"/api/v1/cases/{case_id}/commands", body, creds)
    if status == 200 and parsed and "version" in parsed:
        cases.acknowledge_command(case_id, parsed)
    return status, parsed, text, headers


def reads_answer(port, creds, case_id, problems, when):
    """The case list, a case and health answer 200; the case without its
    child's identity (a read of it cannot be recorded), saying so."""
    for path in ("/api/v1/health", "/api/v1/cases", f"/api/v1/cases/{case_id}"):
        status, parsed, text, _headers = call(port, "GET", path, None, creds)
        if status != 200:
            problems.append(f"{when}: GET {path} answered {status}: {text[:300]}")
        elif path.endswith(f"/{case_id}") and (parsed.get("subject") is not None
                                               or not parsed.get("identity_withheld")):
            problems.append(f"{when}: the case was sent with its identity, or without saying it was withheld: "
                            f"{text[:300]}")


def fill(path):
    """Writes a ballast file until the file system is full; its size."""
    size = 0
    with open(path, "wb", buffering=0) as f:
        for chunk in (1 << 20, 1 << 12, 1):
            block = b"\0" * chunk
            while True:
                try:
                    f.write(block)
                    size += chunk
                except OSError as e:
                    if e.errno != errno.ENOSPC:
                        raise
                    break
    return size


def cases_with_summary(db, summary):
    uri = "file:%s?mode=ro" % urllib.parse.quote(db)
    conn = sqlite3.connect(uri, uri=True, timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM cases WHERE summary = ?", (summary,)).fetchone()[0]
    finally:
        conn.close()


def sign_in(port):
    status, parsed, text, headers = call(port, "POST", "/api/v1/session", {"username": "writer1", "password": PASSWORD})
    if status != 200 or not parsed or "csrf_token" not in parsed:
        raise Failed(f"sign-in answered {status}: {text[:300]}")
    return {"cookie": headers["set-cookie"].split(";", 1)[0], "csrf": parsed["csrf_token"]}


def full_disk(server, db, disk, cases, creds, problems):
    port = server.port
    for _ in range(3):
        body = cases.next_open()
        status, _p, text, _h = open_case(port, creds, cases, body)
        if status != 201:
            raise Failed(f"opening a case before the disk filled answered {status}: {text[:300]}")
    first_case = next(iter(cases.by_id))

    ballast = os.path.join(disk, "ballast")
    ballast_size = fill(ballast)
    print(f"full disk: a {ballast_size:,}-byte ballast file took every free byte of the {TMPFS_SIZE} tmpfs")

    refused_opens, refused_commands = [], {}
    acknowledged_while_full = 0
    attempts = 0
    while len(refused_opens) + len(refused_commands) < REFUSALS_WANTED and attempts < MAX_FULL_ATTEMPTS:
        attempts += 1
        open_ids = [i for i in cases.by_id if cases.next_command(i) is not None]
        if attempts % 2 == 0 and open_ids:
            case_id = open_ids[attempts % len(open_ids)]
            body = cases.next_command(case_id)
            status, parsed, text, headers = step_case(port, creds, cases, case_id, body)
            ok = status == 200
            if refused_as("STORAGE_FULL", status, parsed, headers):
                refused_commands[case_id] = body
        else:
            body = cases.next_open()
            status, parsed, text, headers = open_case(port, creds, cases, body)
            ok = status == 201
            if refused_as("STORAGE_FULL", status, parsed, headers):
                refused_opens.append(body)
        if ok:
            acknowledged_while_full += 1
        elif status == 503 and refused_as("STORAGE_FULL", status, parsed, headers):
            reads_answer(port, creds, first_case, problems, "disk full")
        else:
            problems.append(f"disk full: a command answered {status} {headers.get('retry-after')!r}: {text[:300]}")
            break
    print(f"full disk: {attempts} commands: {acknowledged_while_full} taken in space SQLite had already, "
          f"{len(refused_opens)} new cases and {len(refused_commands)} steps refused with 503 STORAGE_FULL; "
          f"reads answered 200 after each refusal")
    if len(refused_opens) + len(refused_commands) < REFUSALS_WANTED:
        problems.append(f"disk full: only {len(refused_opens) + len(refused_commands)} refusals in {attempts} commands")

    status, parsed, text, headers = call(port, "POST", "/api/v1/session",
                                         {"username": "writer1", "password": PASSWORD})
    if status != 200 and not refused_as("STORAGE_FULL", status, parsed, headers):
        problems.append(f"disk full: a sign-in answered {status}: {text[:300]}")

    for body in refused_opens:
        if cases_with_summary(db, body["facts"]["summary"]) != 0:
            problems.append(f"disk full: the refused case \"{body['facts']['summary']}\" is in the database")
    for case_id, case in cases.by_id.items():
        status, parsed, text, _h = call(port, "GET", f"/api/v1/cases/{case_id}", None, creds)
        if status != 200 or not parsed or parsed.get("version") != case["version"]:
            problems.append(f"disk full: case {case_id} answered {status} at version "
                            f"{parsed.get('version') if parsed else None}, acknowledged {case['version']}")

    os.remove(ballast)
    retried = 0
    for case_id, body in refused_commands.items():
        if body["expected_version"] != cases.by_id[case_id]["version"]:
            continue  # the same step went through later, in space SQLite had
        status, _p, text, _h = step_case(port, creds, cases, case_id, body)
        retried += 1
        if status != 200:
            problems.append(f"space returned: the refused {body['command']} on case {case_id} answered {status}: "
                            f"{text[:300]}")
    for body in refused_opens:
        status, _p, text, _h = open_case(port, creds, cases, body)
        retried += 1
        if status != 201:
            problems.append(f"space returned: the refused case answered {status}: {text[:300]}")
    print(f"space returned: {retried} refused commands sent again on the same server, with the same versions")
    status, parsed, text, _h = call(port, "GET", f"/api/v1/cases/{first_case}", None, creds)
    if status != 200 or not parsed.get("subject") or "identity_withheld" in parsed:
        problems.append(f"space returned: the case is not shown with its identity again: {status} {text[:300]}")

    log = server.log()
    if "STORAGE_FULL" not in log:
        problems.append("the log has no STORAGE_FULL warning")
    if " IDENTITY_WITHHELD " not in log:
        problems.append("the log has no IDENTITY_WITHHELD warning")
    if "INTERNAL_ERROR" in log:
        problems.append("the log has an INTERNAL_ERROR")


def read_only(server, db, disk, cases, creds, problems):
    code = server.stop()
    if code != 0:
        raise Failed(f"the server exited {code} when stopped")
    for root, dirs, files in os.walk(disk):
        for name in dirs + files:
            os.chown(os.path.join(root, name), NOBODY, NOBODY)
    os.chown(disk, NOBODY, NOBODY)
    os.chmod(db, 0o444)
    port = server.start(as_nobody=True)

    case_id = next(i for i in cases.by_id if cases.next_command(i) is not None)
    reads_answer(port, creds, case_id, problems, "read-only")
    refused = 0
    last_open = None
    for _ in range(3):
        for kind in ("open", "step"):
            if kind == "open":
                body = cases.next_open()
                status, parsed, text, headers = open_case(port, creds, cases, body)
                if status == 503:
                    last_open = body
            else:
                body = cases.next_command(case_id)
                status, parsed, text, headers = step_case(port, creds, cases, case_id, body)
            if refused_as("STORAGE_READ_ONLY", status, parsed, headers):
                refused += 1
            else:
                problems.append(f"read-only: a command answered {status} "
                                f"{headers.get('retry-after')!r}: {text[:300]}")
    reads_answer(port, creds, case_id, problems, "read-only, after the refusals")
    print(f"read-only: {refused} of 6 commands refused with 503 STORAGE_READ_ONLY; reads answered 200")

    os.chmod(db, 0o644)
    step_status, _p, text, _h = step_case(port, creds, cases, case_id, cases.next_command(case_id))
    if step_status != 200:
        problems.append(f"writable again: a step answered {step_status}: {text[:300]}")
    open_status, _p, text, _h = open_case(port, creds, cases, last_open or cases.next_open())
    if open_status != 201:
        problems.append(f"writable again: the refused case answered {open_status}: {text[:300]}")
    print(f"writable again: the same server took a step ({step_status}) and the refused case ({open_status})")
    log = server.log()
    if "STORAGE_READ_ONLY" not in log:
        problems.append("the log has no STORAGE_READ_ONLY warning")
    if "INTERNAL_ERROR" in log:
        problems.append("the log has an INTERNAL_ERROR")
    code = server.stop()
    if code != 0:
        problems.append(f"the server exited {code} when stopped")


def check_everything_kept(binary, server, db, cases, env, problems):
    port = server.start()
    creds = sign_in(port)
    for case_id, case in cases.by_id.items():
        status, parsed, text, _h = call(port, "GET", f"/api/v1/cases/{case_id}", None, creds)
        if status != 200 or not parsed or parsed.get("version") != case["version"]:
            problems.append(f"case {case_id}: acknowledged at version {case['version']}, "
                            f"answered {status} {parsed.get('version') if parsed else text[:200]}")
    server.stop()
    integrity = integrity_check(db)
    audit_code, audit_out, audit_err = run_cli(binary, ["audit", "verify", "--db", db], env)
    print(f"afterwards: {len(cases.by_id)} acknowledged cases present at their versions; "
          f"integrity_check {integrity}; audit verify exit {audit_code}")
    if integrity != "ok":
        problems.append("integrity_check: " + integrity)
    if audit_code != 0:
        problems.append(f"audit verify exited {audit_code}: {audit_out[-500:]} {audit_err[-500:]}")


def enter_private_mounts():
    """Runs this script again as root in a private mount namespace; returns only
    when already there."""
    if os.environ.get(IN_NAMESPACE) == "1":
        return
    argv = [sys.executable, os.path.abspath(__file__)] + sys.argv[1:]
    env = dict(os.environ, **{IN_NAMESPACE: "1"})
    command = ["unshare", "--mount", "--propagation", "private"] + argv
    if os.geteuid() != 0:
        if subprocess.run(["sudo", "-n", "true"], stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL).returncode != 0:
            print("storage_faults.py needs root (to mount a small tmpfs and to run the server as nobody), "
                  "or sudo without a password", file=sys.stderr)
            sys.exit(2)
        command = ["sudo", "-n", "--preserve-env"] + command
    os.execvpe(command[0], command, env)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.environ.get("CASEREVIEW_BIN"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    if not args.bin:
        print("give --bin or set CASEREVIEW_BIN", file=sys.stderr)
        return 2
    binary = os.path.abspath(args.bin)
    enter_private_mounts()

    today_text = os.environ.get("CASEREVIEW_TEST_TODAY") or DEFAULT_TODAY
    today = datetime.date.fromisoformat(today_text)
    env = clean_environment(today_text)
    workdir = tempfile.mkdtemp(prefix="casereview-storage-")
    os.chmod(workdir, 0o755)  # `nobody` reaches the database through it
    disk = os.path.join(workdir, "disk")
    os.mkdir(disk)
    db = os.path.join(disk, "casereview.db")
    problems = []
    server = Server(binary, db, today_text, workdir, env)
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={TMPFS_SIZE},mode=0755", "tmpfs", disk], check=True)
        code, _out, err = run_cli(binary, ["user", "add", "writer1", "--role", "manager", "--password-stdin",
                                           "--db", db], env, PASSWORD + "\n")
        if code != 0:
            raise Failed(f"user add exited {code}: {err}")
        server.start()
        creds = sign_in(server.port)
        cases = Cases(Scripts(today))
        full_disk(server, db, disk, cases, creds, problems)
        read_only(server, db, disk, cases, creds, problems)
        check_everything_kept(binary, server, db, cases, env, problems)
    except (Failed, OSError, subprocess.CalledProcessError, http.client.HTTPException) as e:
        problems.append(f"{type(e).__name__}: {e}")
    finally:
        server.stop()
        if problems or args.keep:
            # The tmpfs goes with the namespace: keep what it held beside it.
            shutil.copytree(disk, disk + "-kept", ignore=shutil.ignore_patterns("ballast"), dirs_exist_ok=True)
        subprocess.run(["umount", "--lazy", disk], stderr=subprocess.DEVNULL)
        if problems or args.keep:
            print(f"directory kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    for p in problems:
        print("FAILED: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
