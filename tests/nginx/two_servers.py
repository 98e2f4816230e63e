#!/usr/bin/python3
"""Two casereview servers on one PostgreSQL database, behind Debian's nginx.

Starts a throwaway PostgreSQL (Debian's postgresql-15: initdb in a temporary
directory, the server on a free loopback port; as root, both run as Debian's
`postgres` user, since PostgreSQL refuses root), loads the demonstration data
into it with `casereview demo load --postgres`, starts an SMTP sink
(tests/support/smtp_sink.py), then two `casereview serve --postgres` processes
sharing one server key, and nginx with the repository's recipe
(web/deploy/nginx/casereview.conf, templated as tests/nginx/nginx_front.py
does) whose upstream names both. It checks (and exits 1 otherwise):
  - the manager signs in through nginx, and the session works on either
    server (sessions are in the database);
  - requests through nginx reach both servers;
  - the same command sent to both servers at once at the same version, for
    each of several cases: exactly one is accepted, the other is answered 409
    CASE_VERSION_STALE, each case holds the step once, and
    `casereview audit verify --postgres` finds every chain and checkpoint
    intact;
  - a server without the shared key refuses to start, and makes none; one
    with another key refuses too;
  - the day's checkpoint is signed once between the two servers;
  - the reminder e-mails due today arrive once each, though both servers ran
    a reminder pass on starting.
No check is on a duration. Fails when PostgreSQL, nginx or openssl is not
installed (.ci/install-deps installs them).

usage: two_servers.py [--bin PATH] [--keep]
Exit status 0 when every check passed, 1 when one failed, 2 when the run could
not be set up.
"""

import json
import os
import pwd
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nginx_front as nf  # noqa: E402  (the recipe, nginx, TLS client and checks)

PG_BINDIR = os.environ.get("CASEREVIEW_PG_BINDIR", "/usr/lib/postgresql/15/bin")
SMTP_SINK = os.path.join(nf.SOURCE, "tests", "support", "smtp_sink.py")
TODAY = "2026-12-01"  # a day with reminders due in the demonstration data
RACED_CASES = 4


class Postgres:
    """A throwaway PostgreSQL cluster in `work`/pg; the C locale, as casereview asks."""

    def __init__(self, work):
        self.dir = os.path.join(work, "pg")
        self.port = None
        self.proc = None
        self.as_user = None
        os.makedirs(self.dir)
        if os.geteuid() == 0:
            self.as_user = pwd.getpwnam("postgres")
            os.chown(self.dir, self.as_user.pw_uid, self.as_user.pw_gid)
            os.chmod(work, 0o755)

    def _become(self):
        if self.as_user:
            os.setgroups([])
            os.setgid(self.as_user.pw_gid)
            os.setuid(self.as_user.pw_uid)
        nf._die_with_parent()

    def start(self):
        if not os.access(os.path.join(PG_BINDIR, "initdb"), os.X_OK):
            raise nf.SetupError("no PostgreSQL in %s: run .ci/install-deps" % PG_BINDIR)
        data = os.path.join(self.dir, "data")
        result = subprocess.run([os.path.join(PG_BINDIR, "initdb"), "-D", data, "-A", "trust", "-U", "casereview",
                                 "-E", "UTF8", "--locale=C", "--no-sync"], stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, preexec_fn=self._become,
                                timeout=120)
        if result.returncode != 0:
            raise nf.SetupError("initdb: " + result.stdout.decode(errors="replace"))
        self.port = nf.free_port()
        log = open(os.path.join(self.dir, "postgres.log"), "wb")
        self.proc = subprocess.Popen(
            [os.path.join(PG_BINDIR, "postgres"), "-D", data, "-p", str(self.port), "-k", self.dir,
             "-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off",
             "-c", "full_page_writes=off"],
            stdin=subprocess.DEVNULL, stdout=log, stderr=log, preexec_fn=self._become)
        deadline = time.monotonic() + nf.START_TIMEOUT_S
        while time.monotonic() < deadline and self.proc.poll() is None:
            if self.psql("postgres", "SELECT 1", check=False) is not None:
                return
            time.sleep(0.1)
        raise nf.SetupError("PostgreSQL did not start:\n" + self.log()[-2000:])

    def connection(self, database):
        return "host=127.0.0.1 port=%d dbname=%s user=casereview" % (self.port, database)

    def psql(self, database, sql, check=True):
        """The rows `sql` returns, as text lines; None when psql failed and `check` is false."""
        result = subprocess.run([os.path.join(PG_BINDIR, "psql"), "-X", "-q", "-A", "-t", "-w", "-v",
                                 "ON_ERROR_STOP=1", "-d", self.connection(database), "-c", sql],
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=60)
        if result.returncode != 0:
            if check:
                raise nf.SetupError("psql %r: %s" % (sql, result.stderr.decode(errors="replace")))
            return None
        return result.stdout.decode().splitlines()

    def log(self):
        try:
            with open(os.path.join(self.dir, "postgres.log"), encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def stop(self):
        return nf.stop_process(self.proc, nf.signal.SIGINT, 30)


class SmtpSink:
    def __init__(self, work):
        self.maildir = os.path.join(work, "mail")
        self.port = nf.free_port()
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen(["/usr/bin/python3", SMTP_SINK, "--port", str(self.port),
                                      "--maildir", self.maildir], stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                     preexec_fn=nf._die_with_parent)
        if self.proc.stdout.readline().strip() != b"ready":
            raise nf.SetupError("the SMTP sink did not start")

    def messages(self):
        """(recipient, subject) of every message that arrived."""
        found = []
        folder = os.path.join(self.maildir, "new")
        for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
            with open(os.path.join(folder, name), encoding="utf-8", errors="replace") as f:
                text = f.read()
            to = re.search(r"(?mi)^X-RcptTo: (.*)$", text)
            subject = re.search(r"(?mi)^Subject: (.*)$", text)
            found.append((to.group(1).strip() if to else "", subject.group(1).strip() if subject else ""))
        return found

    def stop(self):
        return nf.stop_process(self.proc)


class Server(nf.Casereview):
    """`casereview serve --postgres` with the recipe's options and the shared key."""

    def __init__(self, binary, work, name, postgres, key, smtp_port):
        super().__init__(binary, os.path.join(work, name), TODAY)
        os.makedirs(os.path.join(work, name))
        self.options = ["--postgres", postgres, "--key-file", key]
        self.smtp = ["--smtp-host", "127.0.0.1", "--smtp-port", str(smtp_port), "--smtp-from",
                     "casereview@example.org"]

    def database_options(self):
        return self.options

    def serve_options(self):
        return self.smtp + nf.RECIPE_SERVE_OPTIONS

    def requests_logged(self):
        return len(re.findall(r" REQUEST ", self.log()))

    def direct(self, method, path, body=None, headers=()):
        """A request straight to this server, not through nginx."""
        conn = nf.http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            hdrs = {"Connection": "close", "X-Forwarded-For": "127.0.0.20"}
            hdrs.update(dict(headers))
            if body is not None:
                hdrs["Content-Type"] = "application/json"
            conn.request(method, path, body=body, headers=hdrs)
            r = conn.getresponse()
            return nf.Answer(r.status, r.getheaders(), r.read())
        finally:
            conn.close()


class TwoServerNginx(nf.Nginx):
    """The recipe, its upstream naming both servers."""

    def __init__(self, binary, work, recipe, ports, tls_dir):
        super().__init__(binary, work, recipe, ports[0], tls_dir)
        self.second_port = ports[1]

    def write(self):
        super().write()
        path = os.path.join(self.work, "casereview.conf")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        one = "server 127.0.0.1:%d;" % self.upstream_port
        text = nf.substitute(text, one, one + "\n    server 127.0.0.1:%d;" % self.second_port, 1)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)


def wait_for_both(servers, word, wait_s=60):
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        if all(word in s.log() for s in servers):
            return True
        time.sleep(0.1)
    return False


def check_sessions_and_balance(c, front, servers):
    """Signs in through nginx; returns (cookie, csrf)."""
    a = nf.sign_in(front, "demo.manager", nf.DEMO_PASSWORD, "127.0.0.2")
    body = a.json() or {}
    if not c.check(a.status == 200 and body.get("csrf_token"), "the manager signs in through nginx", a.brief()):
        return None
    cookie = (a.header("Set-Cookie") or "").split(";", 1)[0]
    csrf = body["csrf_token"]
    before = [s.requests_logged() for s in servers]
    answers = [front.request("GET", "/api/v1/cases?limit=5", headers={"Cookie": cookie}, source="127.0.0.2")
               for _ in range(12)]
    c.check(all(x.status == 200 for x in answers), "the manager's session reads cases through nginx, 12 times",
            ", ".join(sorted({str(x.status) for x in answers})))
    reached = [s.requests_logged() - b for s, b in zip(servers, before)]
    c.check(all(n > 0 for n in reached), "requests through nginx reach both servers", "per server: %r" % reached)
    for i, s in enumerate(servers):
        who = s.direct("GET", "/api/v1/session", headers={"Cookie": cookie})
        c.check(who.status == 200 and (who.json() or {}).get("username") == "demo.manager",
                "the session made through nginx works on server %d directly" % (i + 1), who.brief())
    return cookie, csrf


def open_notification(server, cookie, csrf, n):
    facts = {"became_aware_on": "2026-11-30", "harm": "serious_harm", "abuse_or_neglect": "suspected",
             "location": "in_area", "local_authority": "Northam City Council",
             "summary": "Raced notification %d" % n, "given_name": "Race%d" % n, "family_name": "Twoservers",
             "nhs_number": ""}
    body = json.dumps({"kind": "serious_incident_notification", "facts": facts,
                       "confirm": ["POSSIBLE_DUPLICATE", "WRONG_AREA"]}).encode()
    return server.direct("POST", "/api/v1/cases", body, {"Cookie": cookie, "X-CSRF-Token": csrf})


def check_same_command_on_both(c, servers, session):
    cookie, csrf = session
    headers = {"Cookie": cookie, "X-CSRF-Token": csrf}
    for n in range(RACED_CASES):
        opened = open_notification(servers[0], cookie, csrf, n)
        case = (opened.json() or {}).get("id")
        if not c.check(opened.status == 201 and case, "a notification is opened for the race %d" % n, opened.brief()):
            return
        version = (opened.json() or {}).get("version")
        command = json.dumps({"command": "submit_notification", "expected_version": version,
                              "facts": {"submitted_on": "2026-12-01"}}).encode()
        answers = [None, None]
        start = threading.Barrier(2)

        def send(i):
            start.wait()
            answers[i] = servers[i].direct("POST", "/api/v1/cases/%d/commands" % case, command, headers)

        threads = [threading.Thread(target=send, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        statuses = sorted(a.status for a in answers)
        loser = [a for a in answers if a.status != 200]
        c.check(statuses == [200, 409] and loser and loser[0].code() == "CASE_VERSION_STALE",
                "case %d: the same command at one version on both servers: one 200, one 409 CASE_VERSION_STALE" % case,
                " / ".join(a.brief() for a in answers))
        timeline = servers[1].direct("GET", "/api/v1/cases/%d/timeline" % case, headers={"Cookie": cookie})
        events = (timeline.json() or {}).get("events") or []
        submitted = [e for e in events if e.get("type") == "notification_submitted"]
        c.check(timeline.status == 200 and len(submitted) == 1,
                "case %d holds the step once" % case, "%s, %d submitted" % (timeline.status, len(submitted)))


def check_audit(c, server):
    try:
        out = server.cli(["audit", "verify"])
    except nf.SetupError as e:
        c.check(False, "casereview audit verify --postgres: every chain and checkpoint intact", str(e))
        return
    c.check(out.startswith("OK") or "\nOK" in out, "casereview audit verify --postgres: every chain and checkpoint "
            "intact", out.strip()[-300:])


def check_once_across(c, pg, servers, sink):
    checkpoints = pg.psql("cr", "SELECT COUNT(*) FROM audit_checkpoints")
    signed = sum(s.log().count("CHECKPOINT_SIGNED") for s in servers)
    c.check(checkpoints == ["1"] and signed == 1, "the day's checkpoint is signed once between the two servers",
            "%r stored, %d logged" % (checkpoints, signed))
    c.check(wait_for_both(servers, "REMINDER_PASS"), "both servers ran a reminder pass on starting")
    mails = sink.messages()
    sent = sum(s.log().count("REMINDER_SENT") for s in servers)
    c.check(len(mails) > 0 and len(mails) == len(set(mails)) == sent,
            "the reminders due today arrive once each (%d e-mails)" % len(mails),
            "%d arrived, %d distinct, %d logged as sent" % (len(mails), len(set(mails)), sent))


def check_no_key_of_its_own(c, binary, postgres, absent_key):
    """A server on PostgreSQL never makes a key of its own: without one it refuses to start."""
    result = subprocess.run([binary, "serve", "--postgres", postgres, "--key-file", absent_key, "--port", "0"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=nf.child_environment(TODAY), timeout=60)
    said = result.stderr.decode(errors="replace")
    c.check(result.returncode != 0 and "there is no server key" in said and not os.path.exists(absent_key),
            "a server on PostgreSQL without the shared key refuses to start and makes none",
            "exit %d: %s" % (result.returncode, said[-300:]))


def check_no_other_key(c, binary, postgres, other_key):
    """A server with a key that did not sign the newest checkpoint refuses to start."""
    with open(other_key, "w") as f:
        f.write("ab" * 32 + "\n")
    result = subprocess.run([binary, "serve", "--postgres", postgres, "--key-file", other_key, "--port", "0"],
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=nf.child_environment(TODAY), timeout=60)
    said = result.stderr.decode(errors="replace")
    c.check(result.returncode != 0 and "did not sign this database's newest checkpoint" in said,
            "a server on PostgreSQL with another key refuses to start",
            "exit %d: %s" % (result.returncode, said[-300:]))


def main():
    args = nf.command_line()
    if args is None:
        return 2
    work = tempfile.mkdtemp(prefix="casereview-two-servers-")
    pg = sink = nginx = None
    servers = []
    c = nf.Checks()
    try:
        pg = Postgres(work)
        pg.start()
        pg.psql("postgres", "CREATE DATABASE cr")
        sink = SmtpSink(work)
        sink.start()
        key = os.path.join(work, "server.key")
        servers = [Server(args.bin, work, "server%d" % i, pg.connection("cr"), key, sink.port) for i in (1, 2)]
        check_no_key_of_its_own(c, args.bin, pg.connection("cr"), os.path.join(work, "absent.key"))
        servers[0].cli(["demo", "load", "--today", TODAY])
        for username in ("demo.manager", "demo.agency", "demo.panel"):  # who gets the reminders
            servers[0].cli(["user", "email", username, username + "@example.org"])
        # One after the other, as a rolling start would: the second finds the
        # first one's checkpoint and its claims of the reminders.
        for s in servers:
            s.start()
        c.check(wait_for_both(servers, "REMINDER_PASS"), "both servers started and ran a reminder pass")
        check_no_other_key(c, args.bin, pg.connection("cr"), os.path.join(work, "other.key"))
        ca_cert = nf.make_certificates(args.openssl, os.path.join(work, "tls"))
        nginx = TwoServerNginx(args.nginx, work, nf.recipe_text(), [s.port for s in servers], os.path.join(work, "tls"))
        nginx.start()
        print("casereview on 127.0.0.1:%d and :%d, PostgreSQL on :%d, nginx on :%d (HTTPS), in %s"
              % (servers[0].port, servers[1].port, pg.port, nginx.https_port, work))
        front = nf.Front(nginx, ca_cert)
        session = check_sessions_and_balance(c, front, servers)
        if session:
            check_same_command_on_both(c, servers, session)
        check_once_across(c, pg, servers, sink)
        check_audit(c, servers[0])
    except nf.SetupError as e:
        print("could not set up: %s" % e, file=sys.stderr)
        return 2
    finally:
        codes = [nginx.stop() if nginx else 0] + [s.stop() for s in servers]
        if servers:
            c.check(all(code == 0 for code in codes), "nginx and both servers stopped", "exits %r" % codes)
        if sink:
            sink.stop()
        if pg:
            pg.stop()
        if args.keep or c.failures:
            print("kept %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("%d check(s) failed" % len(c.failures) if c.failures else "every check passed")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
