#!/usr/bin/python3
"""The hostile-request corpus: thousands of requests that must change nothing.

Loads the demonstration data into a fresh database (with a second partnership
and a few extra accounts made with the command line), starts `casereview serve`
on a free loopback port with a fixed today, signs in as every role, dumps the
tables that hold cases, events, identities, users, documents and settings, then
sends requests generated from web/openapi.json (and the command schemas the
server adds to it), each of which must be refused or only read: injection
strings in every text field, extreme dates in every date field and date query
parameter, other partnerships' and nonexistent ids, forged, replayed and expired
sessions, missing and foreign CSRF tokens, wrong content types, bodies over the
limits, truncated, stalled and slow bodies, malformed JSON and odd methods.

Every request must get an answer (no time-out, no dropped connection), never 5xx,
a status the route documents (or one of the problems web/README.md gives every
route), and every API error the documented problem JSON with a code of the
catalogue and that code's status. Afterwards the same tables are dumped again
and must be identical (tests/hostile/README.md lists the tables left out of the
comparison and why), and the server must still answer /api/v1/health.

Standard library only; run by Debian's /usr/bin/python3:

    CASEREVIEW_BIN=.build/main/web/casereview /usr/bin/python3 tests/hostile/hostile_corpus.py

Options: --bin PATH (default $CASEREVIEW_BIN), --keep (keep the temporary
directory: database, server log, failures), --only CATEGORY (repeatable; the
categories are listed by --list), --request-timeout SECONDS, --verbose (every
failure in full), --record FILE (every request with its answer's status and code).
Exit status: 0 when every request passed and nothing changed, 1 otherwise,
2 when the run could not be set up.
"""

import argparse
import collections
import ctypes
import hashlib
import json
import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
OPENAPI_FILE = os.path.join(SOURCE, "web", "openapi.json")
WEB_README = os.path.join(SOURCE, "web", "README.md")
MAIN_README = os.path.join(SOURCE, "README.md")
SHIPPED_FEED = os.path.join(SOURCE, "engine", "data", "bank-holidays-england-and-wales.json")

DEMO_PASSWORD = "demonstration only 2026"
EXTRA_PASSWORD = "hostile corpus password 2026"
DEFAULT_TODAY = "2022-09-16"
MAX_BODY = 65536  # --max-body's default (README, Configuration), which the server runs with here
SLOW_WORKERS = 3  # slow-body probes in flight at once, beside the one request of the rest

# The demonstration logins (README) by role, and the role names of the access matrix.
DEMO_LOGINS = {
    "administrator": "demo.admin",
    "manager": "demo.manager",
    "panel_member": "demo.panel",
    "agency_contributor": "demo.agency",
    "independent_reviewer": "demo.reviewer",
    "scrutineer": "demo.scrutineer",
    "auditor": "demo.auditor",
    "national_editor": "demo.national",
}

# Dates that are not dates, or outside 1900-01-01..2199-12-31: each must be refused (400).
EXTREME_DATES = ["0000-00-00", "1899-12-31", "2200-01-01", "9999-12-31", "10000-01-01", "2023-02-29", "-0001-01-01"]


class Raw:
    """A JSON value written verbatim into a body (invalid UTF-8, number literals no
    JSON library writes, nesting deeper than the server's limit)."""

    def __init__(self, text):
        self.text = text if isinstance(text, bytes) else text.encode("utf-8")

    def __repr__(self):
        shown = self.text if len(self.text) <= 60 else self.text[:40] + b"...(%d bytes)" % len(self.text)
        return "Raw(%r)" % shown


# Strings a hostile client puts in text fields. (name, value)
INJECTIONS = [
    ("sql-or", "' OR '1'='1' --"),
    ("sql-drop", "\"; DROP TABLE cases; --"),
    ("sql-drop-events", "x'); DROP TABLE case_events; DELETE FROM users; --"),
    ("sql-union", "1 UNION SELECT username, password_hash FROM users --"),
    ("script-tag", "<script>alert(document.cookie)</script>"),
    ("html-attr", "\"><img src=x onerror=alert(1)>"),
    ("template", "{{7*7}} ${7*7} <%= 7*7 %> #{7*7} {% raw %}"),
    ("path-traversal", "../../../../etc/passwd"),
    ("path-traversal-encoded", "..%2F..%2F..%2Fetc%2Fpasswd%00.txt"),
    ("nul", "before\u0000after"),
    ("control", "\u0001\u0002\u0007\u001b[31mred\u001b[0m\u007f\u0085"),
    ("crlf-log-forgery", "x\r\n2026-01-01T00:00:00Z INFO LOGIN forged\r\nSet-Cookie: casereview_session=forged"),
    ("rtl-override", "\u202egnp.exe\u202c harmless \u2066\u2067"),
    ("zero-width-bom", "\ufeff\u200b\u200d\u2060"),
    ("astral", "\U0001F600\U0001F4A9 \U0001D54F \U000E0041"),
    ("lone-surrogate", "\ud800 \udfff"),
    ("format-string", "%s%s%s%n%x%p{0}{1}"),
    ("shell", "$(touch /tmp/hostile); `id`; | cat /etc/passwd"),
    ("csv-formula", "=HYPERLINK(\"http://example.invalid\",\"x\")"),
    ("json-operator", "{\"$gt\": \"\"}"),
    ("empty", ""),
    ("whitespace", " \t \u00a0\u3000 "),
    ("huge-number-text", "9" * 400),
    ("overlong", "A" * 5001),
    ("very-overlong", "\u00e9" * 30000),
]

# Raw JSON values in place of a text (invalid UTF-8 and friends).
RAW_STRINGS = [
    ("invalid-utf8", Raw(b'"\xff\xfe\xc0\xaf\xed\xa0\x80 invalid"')),
    ("overlong-utf8-nul", Raw(b'"\xc0\x80"')),
    ("escaped-surrogate", Raw(b'"\\ud800\\u0000"')),
]

# Values of the wrong JSON type, numbers no field takes, nested arrays.
WRONG_TYPES = [
    ("number", 12),
    ("negative", -1),
    ("float", 1.5),
    ("huge-integer", 10 ** 30),
    ("int64-overflow", 2 ** 63),
    ("uint64-overflow", 2 ** 64),
    ("min-int64-minus-1", -(2 ** 63) - 1),
    ("huge-exponent", Raw(b"1e400")),
    ("nan", Raw(b"NaN")),
    ("infinity", Raw(b"-Infinity")),
    ("hex", Raw(b"0x10")),
    ("boolean", True),
    ("object", {"$ne": None}),
    ("array", ["a", "b"]),
    ("nested-arrays", [[[[["x"]]]]]),
    ("too-deep", Raw(b"[" * 20 + b"]" * 20)),
]

# Ids for path placeholders that name nothing (or nothing this caller may see).
HOSTILE_IDS = [
    ("zero", "0"),
    ("negative", "-1"),
    ("nonexistent", "999999"),
    ("int64-max", "9223372036854775807"),
    ("int64-overflow", "9223372036854775808"),
    ("huge", "9" * 40),
    ("float", "1.5"),
    ("exponent", "1e3"),
    ("hex", "0x1"),
    ("leading-space", "%201"),
    ("word", "abc"),
    ("sql", "1%20OR%201%3D1"),
    ("sql-quote", "1'%20OR%20'1'%3D'1"),
    ("script", "%3Cscript%3E"),
    ("traversal", "..%2F..%2Fetc%2Fpasswd"),
    ("nul", "1%00"),
    ("invalid-percent", "%ZZ"),
    ("invalid-utf8", "%FF%FE"),
    ("fullwidth-digit", "%EF%BC%91"),
    ("overlong", "1" * 300),
]


# --------------------------------------------------------------------------------------
# What the documentation says


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def problem_catalogue():
    """code -> status, from the problem table of web/README.md."""
    catalogue = {}
    with open(WEB_README, encoding="utf-8") as f:
        text = f.read()
    section = text.split("## Problem codes", 1)[1].split("\n## ", 1)[0]
    for line in section.splitlines():
        m = re.match(r"^\|\s*(\d{3})\s*\|([^|]*)\|", line)
        if not m:
            continue
        for code in re.findall(r"`([A-Z_]+)`", m.group(2)):
            catalogue[code] = int(m.group(1))
    if len(catalogue) < 30:
        raise SystemExit("could not read the problem codes of web/README.md")
    return catalogue


def access_matrix():
    """[(method, path, note, {role: 'yes'|'no'|'404'})] from the README's copy of the route x role matrix."""
    with open(MAIN_README, encoding="utf-8") as f:
        text = f.read()
    body = text.split("<!-- access-matrix:begin -->", 1)[1].split("<!-- access-matrix:end -->", 1)[0]
    rows = []
    header = None
    for line in body.strip().splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if header is None:
            header = cells
            continue
        if set(cells[0]) <= set("-: "):
            continue
        m = re.match(r"^`(\w+) ([^`]+)`\s*(?:\((.*)\))?$", cells[0])
        if not m:
            continue
        rows.append((m.group(1), m.group(2), m.group(3) or "", dict(zip(header[1:], cells[1:]))))
    return rows


class Api:
    """The operations of web/openapi.json, and which documented statuses each may answer."""

    def __init__(self, document):
        self.document = document
        self.operations = {}  # (METHOD, pattern) -> operation
        for pattern, item in document["paths"].items():
            for method, op in item.items():
                if method == "parameters":
                    continue
                self.operations[(method.upper(), pattern)] = op
        self.patterns = sorted({p for _, p in self.operations})

    @staticmethod
    def _segments(path):
        return path.split("/")[1:]

    def best_pattern(self, path):
        """The pattern the server's router picks for `path` (a literal segment beats a placeholder)."""
        have = self._segments(path)
        best = None
        for pattern in self.patterns:
            want = self._segments(pattern)
            if len(want) != len(have):
                continue
            ok = True
            for w, h in zip(want, have):
                if w.startswith("{") and w.endswith("}"):
                    if h == "":
                        ok = False
                        break
                elif w != h:
                    ok = False
                    break
            if not ok:
                continue
            if best is None or self._more_specific(pattern, best):
                best = pattern
        return best

    def _more_specific(self, a, b):
        for x, y in zip(self._segments(a), self._segments(b)):
            px, py = x.startswith("{"), y.startswith("{")
            if px != py:
                return not px
        return False

    def resolve(self, method, target):
        """(pattern or None, operation or None) for a request target."""
        path = re.split(r"[?#]", target, 1)[0]
        m = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*(/.*)?$", path)
        if m:
            path = m.group(1) or "/"
        try:
            path = urllib.parse.unquote(path, errors="strict")
        except UnicodeDecodeError:
            path = urllib.parse.unquote(path, errors="replace")
        pattern = self.best_pattern(path)
        if pattern is None:
            return None, None
        return pattern, self.operations.get((method, pattern))

    @staticmethod
    def documented(op):
        return {int(k) for k in op.get("responses", {}) if k.isdigit()}

    @staticmethod
    def is_public(op):
        return op.get("x-access") == "public" or op.get("security") == []

    @staticmethod
    def body_types(op):
        return list(op.get("requestBody", {}).get("content", {}).keys())


# Problems web/README.md gives every route, whatever its own list of responses:
# an undecodable address, a bad query parameter, a malformed body or request
# head, a date outside the supported range (400), a body over the limit (413,
# read before routing), too many connections (503), and for routes that need
# a session, not signed in (401) and not permitted / CSRF / a password to change
# first (403); a body of the wrong type or transfer coding (415) on routes that take one.
GENERIC_ANY = {400: {"INVALID_URI", "INVALID_QUERY", "INVALID_BODY", "INVALID_REQUEST", "DATE_OUT_OF_RANGE",
                     "INVALID_ACCESS_REASON"},
               413: {"BODY_TOO_LARGE"}, 503: {"SERVER_BUSY"}}
GENERIC_SIGNED_IN = {401: {"NOT_SIGNED_IN"}, 403: {"FORBIDDEN", "CSRF_TOKEN_INVALID", "PASSWORD_CHANGE_REQUIRED"}}
GENERIC_BODY = {415: {"UNSUPPORTED_MEDIA_TYPE"}}


def access_reason_answers(value):
    """The statuses a read with this X-Access-Reason may get (README, Accounts): 200 for a line of text of at
    most 256 characters, 400 otherwise; both where Python's character count and ICU's might differ."""
    try:
        text = value.decode("utf-8") if isinstance(value, bytes) else value
    except UnicodeDecodeError:
        return {400}
    text = text.strip(" \t")  # spaces and tabs around a header's value are not part of it (RFC 9110, 5.5)
    for ch in text:
        category = unicodedata.category(ch)
        kept = ch in "\u200c\u200d" or 0xE0020 <= ord(ch) <= 0xE007F
        if category in ("Cc", "Cs", "Zl", "Zp") or (category == "Cf" and not kept):
            return {400}
    if len(text) <= 256:
        return {200}
    return {200, 400} if any(unicodedata.category(ch).startswith("M") for ch in text) else {400}


def allowed_answers(api, method, target):
    """{status: codes or None (any code of that status)} the documentation allows for this request."""
    pattern, op = api.resolve(method, target)
    allowed = {s: set(c) for s, c in GENERIC_ANY.items()}
    path = re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "", target)
    if not to_bytes(path).startswith(b"/api"):
        # a page: read only (405 otherwise), unknown pages 404 (web/README.md, Pages)
        allowed[404] = {"NOT_FOUND"}
        allowed[405] = {"METHOD_NOT_ALLOWED"}
        return allowed, "a page address"
    if pattern is None:
        allowed[404] = {"NOT_FOUND"}
        return allowed, None
    if op is None:
        allowed[405] = {"METHOD_NOT_ALLOWED"}
        return allowed, "%s %s (no such method)" % (method, pattern)
    for status in api.documented(op):
        allowed[status] = None
    if not api.is_public(op):
        for s, c in GENERIC_SIGNED_IN.items():
            if allowed.get(s, set()) is not None:
                allowed.setdefault(s, set()).update(c)
    if api.body_types(op):
        for s, c in GENERIC_BODY.items():
            if allowed.get(s, set()) is not None:
                allowed.setdefault(s, set()).update(c)
    return allowed, "%s %s" % (method, pattern)


# --------------------------------------------------------------------------------------
# HTTP over a plain socket, so that anything can be sent


class Answer:
    __slots__ = ("status", "reason", "headers", "body", "error", "seconds")

    def __init__(self):
        self.status = None
        self.reason = ""
        self.headers = {}
        self.body = b""
        self.error = None
        self.seconds = 0.0

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return None

    def brief(self):
        if self.error:
            return "no answer (%s) after %.1f s" % (self.error, self.seconds)
        ctype = self.headers.get("content-type", "-")
        if not re.match(r"(application/(problem\+)?json|text/)", ctype) and ctype != "-":
            body = "<%d bytes>" % len(self.body)
        else:
            body = self.body[:400].decode("utf-8", "backslashreplace")
        return "%s %s [%s] %s" % (self.status, self.reason, ctype, body)


def _recv_answer(sock, method, deadline):
    answer = Answer()
    buf = b""
    while b"\r\n\r\n" not in buf:
        chunk = _recv(sock, deadline)
        if chunk is None:
            answer.error = "timed out" if not buf else "timed out in the status line or headers"
            return answer
        if not chunk:
            answer.error = "connection closed without an answer" if not buf else "connection closed mid-headers"
            return answer
        buf += chunk
    head, rest = buf.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ", 2)
    try:
        answer.status = int(parts[1])
    except (IndexError, ValueError):
        answer.error = "not an HTTP status line: %r" % lines[0][:100]
        return answer
    answer.reason = parts[2] if len(parts) > 2 else ""
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            answer.headers[name.strip().lower()] = value.strip()
    if method.upper() == "HEAD" or answer.status in (204, 304) or answer.status < 200:
        return answer
    length = answer.headers.get("content-length")
    if length is not None and length.isdigit():
        need = int(length)
        while len(rest) < need:
            chunk = _recv(sock, deadline)
            if not chunk:
                answer.error = "body cut short (%d of %d bytes)" % (len(rest), need)
                break
            rest += chunk
        answer.body = rest[:need]
    else:
        while True:
            chunk = _recv(sock, deadline)
            if not chunk:
                break
            rest += chunk
        answer.body = rest
    return answer


def _recv(sock, deadline):
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        return None
    sock.settimeout(remaining)
    try:
        return sock.recv(65536)
    except socket.timeout:
        return None
    except OSError:
        return b""


def exchange(port, data, method, timeout, half_close=False):
    """Sends `data` (a whole request) on a new connection and reads one answer."""
    started = time.monotonic()
    deadline = started + timeout
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    except OSError as e:
        a = Answer()
        a.error = "cannot connect: %s" % e
        return a
    sender = None
    try:
        if len(data) > (1 << 20):
            # The server answers 413 and stops reading: send from a thread while reading here.
            def send_all():
                try:
                    sock.sendall(data)
                except OSError:
                    pass

            sender = threading.Thread(target=send_all, daemon=True)
            sender.start()
        else:
            try:
                sock.sendall(data)
                if half_close:
                    sock.shutdown(socket.SHUT_WR)
            except OSError:
                pass
        answer = _recv_answer(sock, method, deadline)
    finally:
        try:
            sock.close()
        except OSError:
            pass
        if sender:
            sender.join(timeout=5)
    answer.seconds = time.monotonic() - started
    return answer


def to_bytes(value):
    if isinstance(value, bytes):
        return value
    return str(value).encode("utf-8", "surrogatepass")


def request_bytes(method, target, headers, body, content_length="auto", connection_close=True):
    lines = [to_bytes(method) + b" " + to_bytes(target) + b" HTTP/1.1", b"Host: 127.0.0.1"]
    if connection_close:
        lines.append(b"Connection: close")
    for name, value in headers:
        lines.append(to_bytes(name) + b": " + to_bytes(value))
    body = body or b""
    if content_length == "auto":
        # Poco reads the body of any other method (case-sensitive) to the end of the connection
        # when no length is given; every probe says its length but those of the slow-bodies category.
        if body or to_bytes(method) not in (b"GET", b"HEAD", b"DELETE"):
            lines.append(b"Content-Length: %d" % len(body))
    elif content_length is not None:
        lines.append(b"Content-Length: " + to_bytes(content_length))
    return b"\r\n".join(lines) + b"\r\n\r\n" + body


def encode_json(value):
    """JSON bytes of `value`, with Raw values written verbatim and strings kept as
    they are (lone surrogates become bytes that are not UTF-8)."""
    raws = []

    def swap(v):
        if isinstance(v, Raw):
            raws.append(v)
            return "\u0001hostile-raw-%d\u0001" % (len(raws) - 1)
        if isinstance(v, dict):
            return {k: swap(x) for k, x in v.items()}
        if isinstance(v, list):
            return [swap(x) for x in v]
        return v

    text = json.dumps(swap(value), ensure_ascii=False, allow_nan=False)
    data = text.encode("utf-8", "surrogatepass")
    for i, raw in enumerate(raws):
        marker = json.dumps("\u0001hostile-raw-%d\u0001" % i, ensure_ascii=False).encode("utf-8")
        data = data.replace(marker, raw.text)
    return data


# --------------------------------------------------------------------------------------
# The server


def child_environment(today):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEREVIEW_")}
    env["CASEREVIEW_TODAY"] = today
    return env


def _die_with_parent():
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def run_cli(binary, args, today, stdin_text=None, check=True):
    result = subprocess.run([binary] + args, input=(stdin_text or "").encode(), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, env=child_environment(today), timeout=120)
    if check and result.returncode != 0:
        raise SetupError("casereview %s exited %d: %s" % (" ".join(args), result.returncode,
                                                          result.stderr.decode(errors="replace")))
    return result


class SetupError(Exception):
    pass


class Server:
    def __init__(self, binary, db, today, log_path):
        self.binary, self.db, self.today, self.log_path = binary, db, today, log_path
        self.proc = None
        self.port = None
        self.starts = 0

    def start(self):
        out_path = self.db + ".serve.out"
        with open(out_path, "wb"):
            pass
        log = open(self.log_path, "ab")
        out = open(out_path, "ab")
        self.proc = subprocess.Popen(
            # Sessions are expired and reset behind the server's back (the
            # database, the command line): read afresh on every request, as a
            # server trusting its reads for a second would only after it.
            [self.binary, "serve", "--db", self.db, "--port", "0", "--today", self.today, "--threads", "8",
             "--session-recheck-ms", "0"],
            stdin=subprocess.DEVNULL, stdout=out, stderr=log, env=child_environment(self.today),
            preexec_fn=_die_with_parent)
        log.close()
        out.close()
        self.starts += 1
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with open(out_path, encoding="utf-8", errors="replace") as f:
                m = re.search(r"://127\.0\.0\.1:(\d+)/", f.read())
            if m:
                self.port = int(m.group(1))
                return
            if self.proc.poll() is not None:
                raise SetupError("casereview serve exited %s:\n%s" % (self.proc.returncode, self.log_tail()))
            time.sleep(0.05)
        raise SetupError("casereview serve did not start:\n" + self.log_tail())

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def stop(self):
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        code = self.proc.returncode
        self.proc = None
        return code

    def log_text(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def log_tail(self, lines=30):
        return "\n".join(self.log_text().splitlines()[-lines:])


# --------------------------------------------------------------------------------------
# Sessions


class Login:
    def __init__(self, name, username, token, csrf, role=None, partnership=None, user_id=None):
        self.name, self.username, self.token, self.csrf = name, username, token, csrf
        self.role, self.partnership, self.user_id = role, partnership, user_id

    @property
    def cookie(self):
        return "casereview_session=" + self.token


class Client:
    """Plain requests for setting up and discovering (not part of the corpus)."""

    def __init__(self, server, timeout):
        self.server, self.timeout = server, timeout

    def call(self, method, target, login=None, body=None, content_type="application/json", headers=()):
        hdrs = list(headers)
        if login is not None:
            hdrs.append(("Cookie", login.cookie))
            if method not in ("GET", "HEAD"):
                hdrs.append(("X-CSRF-Token", login.csrf))
        data = None
        if body is not None:
            data = body if isinstance(body, bytes) else encode_json(body)
            hdrs.append(("Content-Type", content_type))
        return exchange(self.server.port, request_bytes(method, target, hdrs, data), method, self.timeout)

    def ok(self, method, target, login=None, body=None, content_type="application/json", want=(200, 201)):
        a = self.call(method, target, login, body, content_type)
        if a.status not in want:
            raise SetupError("%s %s as %s: %s" % (method, target, login.name if login else "nobody", a.brief()))
        return a.json()

    def sign_in(self, name, username, password, partnership=None):
        body = {"username": username, "password": password}
        if partnership:
            body["partnership"] = partnership
        a = self.call("POST", "/api/v1/session", body=body)
        if a.status != 200:
            raise SetupError("sign-in of %s failed: %s" % (username, a.brief()))
        m = re.search(r"casereview_session=([^;]*)", a.headers.get("set-cookie", ""))
        if not m:
            raise SetupError("no session cookie for %s" % username)
        data = a.json()
        return Login(name, username, m.group(1), data["csrf_token"], data.get("role"), data.get("partnership"))


# --------------------------------------------------------------------------------------
# Tables before and after

# Left out of the comparison, each for a reason (tests/hostile/README.md):
#   sessions: every authenticated request may move last_seen_at (at most once a
#     minute); compared on every other column, so that no session is made,
#     revoked or extended by the corpus.
#   access_log: a read of a child's identity by a role that may read it is logged
#     by design (the corpus reads cases with hostile X-Access-Reason headers);
#     append-only: every row from before must still be there unchanged, and the
#     rows added must be identity reads whose reason holds no control character.
#   access_pages, access_page_cases: the children a page of many names, kept
#     once for the access log's rows of its answers; append-only like it.
EXCLUDED_TABLES = {
    "sessions": "last_seen_at moves on use; compared on every other column",
    "access_log": "identity reads are logged by design; earlier rows must be unchanged, added rows checked",
    "access_pages": "the pages the access log's rows name; earlier rows must be unchanged",
    "access_page_cases": "the children of those pages; earlier rows must be unchanged",
}
APPEND_ONLY_LOGS = {"access_log", "access_pages", "access_page_cases"}
SESSION_VOLATILE = {"last_seen_at"}


def dump_tables(db):
    uri = "file:%s?mode=ro" % urllib.parse.quote(db)
    con = sqlite3.connect(uri, uri=True, timeout=30)
    try:
        con.text_factory = bytes
        names = [r[0].decode() for r in con.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")]
        dump = {}
        for name in names:
            cols = [r[1].decode() for r in con.execute('PRAGMA table_info("%s")' % name)]
            if name == "sessions":
                cols = [c for c in cols if c not in SESSION_VOLATILE]
            order = ", ".join('"%s"' % c for c in cols)
            rows = con.execute('SELECT %s FROM "%s" ORDER BY %s' % (order, name, order)).fetchall()
            dump[name] = (cols, [tuple(_cell(v) for v in row) for row in rows])
        return dump
    finally:
        con.close()


def _cell(v):
    if isinstance(v, bytes) and len(v) > 512:
        return "blob sha256:" + hashlib.sha256(v).hexdigest()
    if isinstance(v, bytes):
        try:
            return v.decode("utf-8")
        except UnicodeDecodeError:
            return INVALID_UTF8 + v.decode("utf-8", "backslashreplace")
    return v


INVALID_UTF8 = "<not UTF-8> "


def compare_dumps(before, after):
    problems = []
    added_rows = {}
    for name in sorted(set(before) | set(after)):
        if name not in after:
            problems.append("table %s is gone" % name)
            continue
        if name not in before:
            problems.append("table %s appeared" % name)
            continue
        cols, rows_before = before[name]
        cols_after, rows_after = after[name]
        if cols != cols_after:
            problems.append("table %s: columns changed %s -> %s" % (name, cols, cols_after))
            continue
        if name in APPEND_ONLY_LOGS:
            old = collections.Counter(rows_before)
            new = collections.Counter(rows_after)
            missing = old - new
            if missing:
                problems.append("%s: %d earlier rows changed or removed, e.g. %r" %
                                (name, sum(missing.values()), next(iter(missing))))
            added_rows[name] = (cols, list((new - old).elements()))
            if name != "access_log":
                continue
            added = new - old
            ci = {c: i for i, c in enumerate(cols)}
            for row in added:
                reason = row[ci["reason"]] or ""
                if any(ord(ch) < 0x20 or ord(ch) == 0x7F for ch in reason) or len(reason) > 256:
                    problems.append("access_log: an added row's reason holds control characters or is over "
                                    "256 characters: %r" % (row,))
                if reason.startswith(INVALID_UTF8):
                    problems.append("access_log: an added row's reason is not UTF-8 text: %r" % (row,))
            continue
        if rows_before != rows_after:
            b, a = collections.Counter(rows_before), collections.Counter(rows_after)
            gone, new = list((b - a).elements()), list((a - b).elements())
            lines = ["table %s changed: %d rows before, %d after" % (name, len(rows_before), len(rows_after))]
            for row in gone[:5]:
                lines.append("    - %s" % _show_row(cols, row))
            for row in new[:5]:
                lines.append("    + %s" % _show_row(cols, row))
            problems.append("\n".join(lines))
    problems += check_added_page_reads(added_rows)
    return problems


def check_added_page_reads(added_rows):
    """The reads of a page of several children added by the corpus: each log
    row names a case or a page, not both; each page added is named by a log
    row added; each page's children belong to a page added."""
    problems = []
    if not all(t in added_rows for t in ("access_log", "access_pages", "access_page_cases")):
        return problems
    log_cols, log_rows = added_rows["access_log"]
    page_cols, page_rows = added_rows["access_pages"]
    child_cols, child_rows = added_rows["access_page_cases"]
    li, pi, ci = ({c: i for i, c in enumerate(cols)} for cols in (log_cols, page_cols, child_cols))
    pages_named = set()
    for row in log_rows:
        if row[li["case_id"]] is not None and row[li["page_id"]] is not None:
            problems.append("access_log: an added row names both a case and a page: %r" % (row,))
        if row[li["page_id"]] is not None:
            pages_named.add(row[li["page_id"]])
    pages_added = {row[pi["id"]] for row in page_rows}
    for page in pages_added - pages_named:
        problems.append("access_pages: page %r was added but no access-log row added names it" % (page,))
    for row in child_rows:
        if row[ci["page_id"]] not in pages_added:
            problems.append("access_page_cases: a child was added to page %r, which was not added" %
                            (row[ci["page_id"]],))
    return problems


def _show_row(cols, row):
    text = ", ".join("%s=%r" % (c, v) for c, v in zip(cols, row))
    return text if len(text) < 600 else text[:600] + "..."


# --------------------------------------------------------------------------------------
# Probes


class Probe:
    """One hostile request and what its answer must be."""

    __slots__ = ("category", "label", "method", "target", "login", "cookie", "csrf", "content_type", "body",
                 "headers", "expect", "must", "must_code", "raw", "half_close", "content_length", "timeout",
                 "closing_ok", "track", "slow")

    def __init__(self, category, label, method, target, login=None, cookie="auto", csrf="auto",
                 content_type=None, body=None, headers=(), expect="refuse", must=None, must_code=None, raw=None,
                 half_close=False, content_length="auto", timeout=None, closing_ok=False, track=None, slow=None):
        self.category, self.label, self.method, self.target = category, label, method, target
        self.login, self.cookie, self.csrf = login, cookie, csrf
        self.content_type, self.body, self.headers = content_type, body, list(headers)
        self.expect, self.must, self.must_code = expect, must, must_code
        self.raw, self.half_close, self.content_length = raw, half_close, content_length
        self.timeout, self.closing_ok, self.track, self.slow = timeout, closing_ok, track, slow

    def body_bytes(self):
        if self.body is None:
            return None
        if isinstance(self.body, bytes):
            return self.body
        return encode_json(self.body)

    def header_list(self):
        hdrs = []
        cookie = self.login.cookie if (self.cookie == "auto" and self.login) else self.cookie
        if cookie and cookie != "auto":
            hdrs.append(("Cookie", cookie))
        if self.csrf == "auto":
            if self.login and self.method.upper() not in ("GET", "HEAD"):
                hdrs.append(("X-CSRF-Token", self.login.csrf))
        elif self.csrf is not None:
            hdrs.append(("X-CSRF-Token", self.csrf))
        if self.content_type is not None:
            hdrs.append(("Content-Type", self.content_type))
        return hdrs + self.headers

    def data(self):
        if self.raw is not None:
            return self.raw
        return request_bytes(self.method, self.target, self.header_list(), self.body_bytes(), self.content_length)

    def describe(self):
        who = self.login.name if self.login else "nobody"
        if self.raw is not None:
            shown = self.raw if len(self.raw) <= 700 else self.raw[:700] + b"...(%d bytes)" % len(self.raw)
            return "[%s] %s: raw %r" % (self.category, self.label, shown)
        hdrs = []
        for name, value in self.header_list():
            v = to_bytes(value)
            if name == "Cookie" and self.login and self.cookie == "auto":
                v = b"<session of " + self.login.name.encode() + b">"
            elif name == "X-CSRF-Token" and self.login and self.csrf == "auto":
                v = b"<its csrf token>"
            hdrs.append("%s: %s" % (name, v[:120].decode("utf-8", "backslashreplace")))
        body = self.body_bytes()
        shown = ""
        if body is not None:
            shown = body[:600].decode("utf-8", "backslashreplace")
            if len(body) > 600:
                shown += "...(%d bytes)" % len(body)
        extra = []
        if self.content_length != "auto":
            extra.append("Content-Length: %s" % self.content_length)
        if self.half_close:
            extra.append("client half-closes after sending")
        if self.slow:
            extra.append("slow: %s" % self.slow.get("how"))
        return "[%s] %s: %s %s as %s | %s | body %s%s" % (
            self.category, self.label, self.method, to_bytes(self.target)[:300].decode("utf-8", "backslashreplace"),
            who, "; ".join(hdrs) or "no headers", shown or "(none)", (" | " + "; ".join(extra)) if extra else "")


def judge(api, catalogue, probe, answer):
    """The problems with `answer` to `probe` (empty when it is as documented)."""
    if answer.error:
        if probe.closing_ok and "closed" in answer.error:
            return []
        return [answer.brief()]
    problems = []
    status = answer.status
    if status >= 500:
        problems.append("server error %s" % status)
    elif not (200 <= status < 300 or 400 <= status < 500):
        problems.append("status %s is neither a success nor a client error" % status)
    if probe.expect == "refuse" and status < 400:
        problems.append("accepted (%s) although it must be refused" % status)
    method = probe.method  # the server's router is case-sensitive: "get" is not GET
    allowed, op_name = allowed_answers(api, method, probe.target)
    if status not in allowed:
        problems.append("status %s is not documented for %s (documented: %s)" %
                        (status, op_name or "a path that does not exist", sorted(allowed)))
    ctype = answer.headers.get("content-type", "")
    if 200 <= status < 300 and method != "HEAD":
        if ctype.startswith("application/json") and answer.json() is None:
            problems.append("a JSON answer that is not JSON in UTF-8: %r" % answer.body[:160])
        elif ctype.startswith("text/"):
            try:
                answer.body.decode("utf-8")
            except UnicodeDecodeError:
                problems.append("a text answer that is not UTF-8: %r" % answer.body[:160])
    if probe.category == "dates" and 200 <= status < 300 and ctype.startswith("application/json"):
        for key, value in _dates_in(answer.json()):
            if not real_date(value):
                problems.append("the answer holds %s %r, not a date from 1900-01-01 to 2199-12-31" % (key, value))
                break
    if probe.must is not None and status not in probe.must:
        problems.append("status %s where this request must be answered %s" %
                        (status, "/".join(str(s) for s in sorted(probe.must))))
    is_api = to_bytes(re.sub(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*", "", probe.target)).startswith(b"/api")
    if status >= 400 and is_api and method != "HEAD":
        ctype = answer.headers.get("content-type", "")
        doc = answer.json()
        if not ctype.startswith("application/problem+json"):
            problems.append("an error without problem JSON (Content-Type %r, body %r)" %
                            (ctype, answer.body[:120]))
        elif doc is None:
            problems.append("a problem that is not JSON in UTF-8: %r" % answer.body[:160])
        elif not isinstance(doc, dict):
            problems.append("a problem that is not a JSON object: %r" % answer.body[:120])
        else:
            code = doc.get("code")
            for member in ("type", "title", "status", "code", "detail"):
                if member not in doc:
                    problems.append("problem JSON without %r" % member)
            if code not in catalogue:
                problems.append("problem code %r is not in the catalogue" % code)
            else:
                if catalogue[code] != status:
                    problems.append("problem code %s has status %s in the catalogue, answered %s" %
                                    (code, catalogue[code], status))
                if doc.get("status") != status:
                    problems.append("problem JSON says status %r, answered %s" % (doc.get("status"), status))
                if doc.get("type") != "urn:casereview:problem:" + code:
                    problems.append("problem type %r does not name its code" % doc.get("type"))
                codes = allowed.get(status, None)
                if codes is not None and status in allowed and code not in codes:
                    problems.append("%s %s is not a problem this route documents" % (status, code))
                if probe.must_code is not None and code not in probe.must_code:
                    problems.append("code %s where this request must be answered %s" %
                                    (code, "/".join(sorted(probe.must_code))))
    return problems


DATE_KEY = re.compile(r"^(from|to|today|.*_date|.*_on)$")


def _dates_in(doc, depth=0):
    """(key, value) of every member of an answer that names a date (from, to, *_date, *_on)."""
    if depth > 40:
        return
    if isinstance(doc, dict):
        for k, v in doc.items():
            if isinstance(v, str) and DATE_KEY.match(k) and v:
                yield k, v
            elif isinstance(v, (dict, list)):
                yield from _dates_in(v, depth + 1)
    elif isinstance(doc, list):
        for v in doc:
            yield from _dates_in(v, depth + 1)


# --------------------------------------------------------------------------------------
# The world the corpus runs in: logins, ids, the documents that drive it


class World:
    pass


def json_schema_resolve(document, schema):
    seen = 0
    while isinstance(schema, dict) and "$ref" in schema and seen < 10:
        ref = schema["$ref"].lstrip("#/").split("/")
        node = document
        for part in ref:
            node = node[part]
        schema = node
        seen += 1
    return schema


AREA = ["Northam City Council"]  # replaced by the partnership's first area once it is read


def base_value(name, prop, today):
    """A plausible value for a field of a command's facts (the body is then made hostile)."""
    t = prop.get("type")
    if t == "string" and "local_authority" in name and "enum" not in prop:
        return AREA[0]
    if "enum" in prop:
        return prop["enum"][0]
    if t == "string" and prop.get("format") == "date":
        return today
    if t == "string" and "pattern" in prop:
        return "10:00"
    if t == "string":
        return "Hostile corpus text"[: prop.get("maxLength", 100)]
    if t == "boolean":
        return False
    if t == "integer":
        lo = prop.get("minimum", 1)
        return max(lo, min(prop.get("maximum", 5), 5))
    if t == "number":
        return 1
    if t == "array":
        items = prop.get("items", {})
        if "enum" in items:
            return [items["enum"][0]]
        return ["Police"]
    if t == "object":
        return {}
    return "x"


def base_facts(schema, today):
    props = schema.get("properties", {})
    return {name: base_value(name, props[name], today) for name in schema.get("required", []) if name in props}


def email_invalid(s):
    """The rule web/openapi.json gives for EmailAddress."""
    if not isinstance(s, str):
        return True
    if len(s) > 254 or s.count("@") != 1:
        return True
    local, _, domain = s.partition("@")
    if not local or not domain:
        return True
    return any(ord(c) < 0x20 or ord(c) == 0x7F or c in ' \\<>,;"()' for c in s)


def code_invalid(s):
    """INVALID_CODE (web/README.md): 3-64 lower-case letters, digits, _ or ."""
    return not (isinstance(s, str) and re.fullmatch(r"[a-z0-9_.]{3,64}", s))


def real_date(s):
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", s) if isinstance(s, str) else None
    if not m:
        return False
    y, mo, d = (int(x) for x in m.groups())
    if not (1900 <= y <= 2199 and 1 <= mo <= 12):
        return False
    days = [31, 29 if (y % 4 == 0 and (y % 100 != 0 or y % 400 == 0)) else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
            31][mo - 1]
    return 1 <= d <= days


def documented_invalid(prop, value, field_name=""):
    """Whether `value` breaks the documented rule of a field (so that it alone must
    make the request be refused); False when the value could be acceptable."""
    if isinstance(value, Raw):
        text = value.text
        if text[:1] == b'"':
            # invalid UTF-8 never parses; an escaped lone surrogate is not text
            return b"\\ud800" in text or any(b > 0x7F for b in text)
        try:
            number = json.loads(text)
        except ValueError:
            return True  # not JSON at all (hexadecimal)
        finite = isinstance(number, float) and number == number and abs(number) != float("inf")
        if finite and number == int(number):
            # 1.0e0 is the integer 1 to some readers: not invalid by itself where a number is taken
            return prop.get("type") not in ("integer", "number")
        return True  # NaN, infinity, beyond any range, or nested deeper than the server reads
    t = prop.get("type")
    if value is None:
        return False
    if t == "string":
        if not isinstance(value, str):
            return True
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            return True  # a lone surrogate is not text
        if "enum" in prop:
            return value not in prop["enum"]
        if prop.get("format") == "date":
            return not real_date(value)
        if "pattern" in prop:
            return not re.search(prop["pattern"], value)
        if "maxLength" in prop and len(value) > prop["maxLength"]:
            return True
        if field_name == "email":
            return email_invalid(value)
        if field_name == "code":
            return code_invalid(value)
        return False
    if t == "boolean":
        return not isinstance(value, bool)
    if t == "integer":
        if isinstance(value, bool) or not isinstance(value, int):
            return True
        lo, hi = prop.get("minimum"), prop.get("maximum")
        if lo is not None and value < lo or hi is not None and value > hi:
            return True
        return value >= 2 ** 63 or value < -(2 ** 63)
    if t == "array":
        if not isinstance(value, list):
            return True
        items = prop.get("items", {})
        return any(documented_invalid(items, v) for v in value)
    return False


# --------------------------------------------------------------------------------------
# The corpus, category by category

CATEGORIES = [
    ("odd-methods", "TRACE, CONNECT, PROPFIND, OPTIONS, PATCH, lower-case get, 33- and 100-character methods on every path"),
    ("sessions", "forged, signed-out, expired, suspended and reset sessions on every route that needs one"),
    ("csrf", "missing, forged, altered, foreign and signed-out CSRF tokens on every state-changing route"),
    ("roles", "every 'no' and '404' of the README's route x role matrix, with a body that would otherwise be accepted"),
    ("password-change", "a user who must change a one-time password, on every route but the session's"),
    ("content-types", "text/plain, multipart, form-encoded, XML and no type on routes that take JSON, CSV or documents"),
    ("oversize", "bodies over --max-body / --max-document: declared, sent, chunked"),
    ("path-ids", "other partnerships' and nonexistent ids, and non-ids, in every path placeholder"),
    ("query", "injection strings in every query parameter, unknown and repeated parameters"),
    ("dates", "extreme and impossible dates in every date field and date query parameter"),
    ("bodies", "injection strings, wrong types and numbers in every member of every JSON body but the commands'"),
    ("json", "bodies that are not JSON objects: truncated, nested 32,000 deep, invalid UTF-8, BOM, duplicates"),
    ("commands", "injection strings, wrong types and numbers in every fact of every workflow command; the envelope"),
    ("openings", "injection strings and wrong types in every fact of the opening commands (checks and opening)"),
    ("documents", "hostile kinds, names, types and contents of uploads; downloads of documents one may not read"),
    ("imports", "hostile CSV files, dry runs and refused imports"),
    ("sign-in", "injection strings and wrong types in sign-in, password change and e-mail bodies"),
    ("protocol", "malformed request lines and headers, conflicting lengths, broken chunking, hostile header values"),
    ("slow-bodies", "truncated bodies, stalled bodies, bodies sent a byte at a time, a body without a length"),
]
CATEGORY_NAMES = [c for c, _ in CATEGORIES]


def body_for(world, method, pattern, login):
    """(target, content type, body) for a request to an operation that would be
    accepted but for what a probe breaks (its CSRF token, session, role, type...)."""
    w = world
    t = w.today
    sin_open = {"kind": "serious_incident_notification",
                "facts": {"became_aware_on": t, "harm": "serious_harm", "abuse_or_neglect": "suspected",
                          "location": "in_area", "local_authority": AREA[0],
                          "summary": "Hostile corpus: must never be opened"}}
    feed = w.shipped_feed
    table = {
        ("POST", "/api/v1/session"): ("/api/v1/session", "application/json",
                                      {"username": "demo.panel", "password": "not the password at all"}),
        ("DELETE", "/api/v1/session"): ("/api/v1/session", None, None),
        ("PUT", "/api/v1/session/password"): ("/api/v1/session/password", "application/json",
                                              {"current_password": DEMO_PASSWORD,
                                               "new_password": "a brand new hostile password 2026"}),
        ("PUT", "/api/v1/session/email"): ("/api/v1/session/email", "application/json",
                                           {"email": "hostile@example.org"}),
        ("POST", "/api/v1/session/calendar-feed"): ("/api/v1/session/calendar-feed", None, None),
        ("DELETE", "/api/v1/session/calendar-feed"): ("/api/v1/session/calendar-feed", None, None),
        ("POST", "/api/v1/cases"): ("/api/v1/cases", "application/json", sin_open),
        ("POST", "/api/v1/cases/checks"): ("/api/v1/cases/checks", "application/json", sin_open),
        ("PUT", "/api/v1/deadline-rules/{id}/setting"): (
            "/api/v1/deadline-rules/%s/setting" % w.rule_id, "application/json",
            {"amount": w.rule_amount, "reason": "Hostile corpus: must never be changed"}),
        ("POST", "/api/v1/reviewers"): ("/api/v1/reviewers", "application/json",
                                        {"name": "Hostile Reviewer", "organisation": "Nowhere",
                                         "national_pool": False}),
        ("POST", "/api/v1/reviewers/{id}/declarations"): (
            "/api/v1/reviewers/%d/declarations" % w.reviewer_id, "application/json",
            {"declared_on": t, "text": "Hostile corpus declaration", "rules_out": False}),
        ("POST", "/api/v1/vocabularies/factors"): ("/api/v1/vocabularies/factors", "application/json",
                                                   {"code": "child.hostile_corpus", "domain": "child",
                                                    "label": "Hostile corpus"}),
        ("POST", "/api/v1/vocabularies/themes"): ("/api/v1/vocabularies/themes", "application/json",
                                                  {"code": "hostile_corpus", "label": "Hostile corpus"}),
        ("PUT", "/api/v1/vocabularies/{vocabulary}/{code}/status"): (
            "/api/v1/vocabularies/factors/%s/status" % w.factor_code, "application/json", {"active": False}),
        ("POST", "/api/v1/partnership/areas"): ("/api/v1/partnership/areas", "application/json",
                                                {"local_authority": "Hostile Borough Council"}),
        ("PUT", "/api/v1/calendar"): ("/api/v1/calendar", "application/json", feed),
        ("POST", "/api/v1/imports/{sheet}"): ("/api/v1/imports/safeguarding?file_name=hostile.csv", "text/csv",
                                              w.valid_import_csv),
        ("POST", "/api/v1/users"): ("/api/v1/users", "application/json",
                                    {"username": "hostile.new", "display_name": "Hostile", "role": "scrutineer",
                                     "password": "a hostile corpus password 2026"}),
        ("POST", "/api/v1/users/{id}/password-reset"): ("/api/v1/users/%d/password-reset" % w.victim_user_id,
                                                        None, None),
        ("PUT", "/api/v1/users/{id}/active"): ("/api/v1/users/%d/active" % w.victim_user_id, "application/json",
                                               {"active": False}),
        ("PUT", "/api/v1/users/{id}/email"): ("/api/v1/users/%d/email" % w.victim_user_id, "application/json",
                                              {"email": "victim@example.org"}),
        ("POST", "/api/v1/audit/checkpoints"): ("/api/v1/audit/checkpoints", None, None),
        # Bodies that change nothing even when sent as they are: a period is
        # only ever sent with a member broken, there is no hold to lift, and an
        # erasure is never confirmed.
        ("PUT", "/api/v1/retention/periods/{kind}"): (
            "/api/v1/retention/periods/serious_incident_notification", "application/json",
            {"years": 25, "reason": "Hostile corpus: must never be set"}),
        ("PUT", "/api/v1/cases/{id}/legal-hold"): ("/api/v1/cases/%d/legal-hold" % w.lcspr_id, "application/json",
                                                   {"held": False, "reason": "Hostile corpus: no hold to lift"}),
        # The owner the case already has: recorded as no change.
        ("PUT", "/api/v1/cases/{id}/owner"): ("/api/v1/cases/%d/owner" % w.lcspr_id, "application/json",
                                              {"owner": w.lcspr_owner}),
        ("POST", "/api/v1/cases/{id}/identity-erasure"): (
            "/api/v1/cases/%d/identity-erasure" % w.lcspr_id, "application/json",
            {"reason": "Hostile corpus: never confirmed", "confirm_reference": "never the reference"}),
        ("POST", "/api/v1/cases/{id}/documents"): (
            "/api/v1/cases/%d/documents?kind=draft&name=hostile.txt" % w.lcspr_id, "text/plain",
            b"Hostile corpus document: must never be stored.\n"),
    }
    if (method, pattern) == ("POST", "/api/v1/cases/{id}/commands"):
        case_id, command, facts = w.command_for(login)
        return ("/api/v1/cases/%d/commands" % case_id, "application/json",
                {"command": command, "expected_version": w.versions[case_id], "facts": facts})
    if (method, pattern) in table:
        return table[(method, pattern)]
    # A read: the path with its placeholders filled.
    return (w.fill(pattern), None, None)


def gen_odd_methods(w):
    methods = ["TRACE", "CONNECT", "PROPFIND", "OPTIONS", "PATCH", "get", "M" * 33, "X" * 100, "HEAD"]
    out = []
    paths = sorted({w.fill(p) for p in w.api.patterns})
    paths += ["/api", "/api/v1/", "/api/v1/nothing-here", "/", "/cases", "/sign-in", "/assets/app.js"]
    for path in paths:
        pattern = w.api.best_pattern(path)
        documented = {m for (m, p) in w.api.operations if p == pattern}
        for m in methods:
            if m in documented:
                continue
            must = {405} if pattern else {404}
            if not path.startswith("/api"):
                must = {405}
            if len(m) > 32:
                must = {400, 405} if pattern or not path.startswith("/api") else {400, 404}
            out.append(Probe("odd-methods", "method %s" % (m if len(m) < 12 else m[:3] + "...x%d" % len(m)), m,
                             path, login=w.logins["manager"], expect="refuse", must=must))
    # DELETE on every route that only reads.
    for (m, p), op in sorted(w.api.operations.items()):
        if m == "GET" and ("DELETE", p) not in w.api.operations:
            out.append(Probe("odd-methods", "DELETE on a read-only route", "DELETE", w.fill(p),
                             login=w.logins["manager"], must={405}))
    return out


def gen_sessions(w):
    out = []
    replayed = [
        ("signed-out", w.replay["signed_out"]),
        ("expired", w.replay["expired"]),
        ("suspended", w.replay["suspended"]),
        ("password-reset", w.replay["reset"]),
    ]
    forged = [
        ("forged-random", "casereview_session=" + hashlib.sha256(b"forged").hexdigest()),
        ("forged-empty", "casereview_session="),
        ("forged-overlong", "casereview_session=" + "a" * 4000),
        ("forged-sql", "casereview_session=' OR '1'='1"),
        ("csrf-as-cookie", "casereview_session=" + w.logins["manager"].csrf),
        ("token-hash-as-cookie", "casereview_session=" + hashlib.sha256(w.logins["manager"].token.encode()).hexdigest()),
        ("altered-token", "casereview_session=" + w.logins["manager"].token[:-1] +
         ("0" if w.logins["manager"].token[-1] != "0" else "1")),
        ("other-cookie-name", "session=" + w.logins["manager"].token),
        ("token-with-space", "casereview_session= " + w.logins["manager"].token + "x"),
    ]
    for (m, p), op in sorted(w.api.operations.items()):
        if Api.is_public(op):
            continue
        target, ctype, body = body_for(w, m, p, w.logins["manager"])
        for name, login in replayed:
            # the session's own CSRF token: if the session were taken, the write would pass
            out.append(Probe("sessions", "%s session" % name, m, target, login=login, content_type=ctype,
                             body=body, expect="refuse", must={401}, must_code={"NOT_SIGNED_IN"}))
        for name, cookie in forged:
            out.append(Probe("sessions", name, m, target, cookie=cookie, csrf=w.logins["manager"].csrf,
                             content_type=ctype, body=body, expect="refuse", must={401},
                             must_code={"NOT_SIGNED_IN"}))
        out.append(Probe("sessions", "no session", m, target, content_type=ctype, body=body, expect="refuse",
                         must={401}, must_code={"NOT_SIGNED_IN"}))
    # Reads with a forged cookie first and the real one second are answered as something documented.
    for p in ("/api/v1/cases", "/api/v1/session", "/api/v1/users"):
        out.append(Probe("sessions", "two cookies, forged first", "GET", p,
                         cookie="casereview_session=forged; " + w.logins["manager"].cookie, expect="read"))
    # Sign-in answers a forged cookie as it answers none: a wrong password is LOGIN_FAILED.
    out.append(Probe("sessions", "sign-in with a forged cookie", "POST", "/api/v1/session",
                     cookie="casereview_session=forged", content_type="application/json",
                     body={"username": "demo.panel", "password": "wrong password"}, must={401, 429}))
    return out


def write_operations(w):
    return [(m, p) for (m, p), op in sorted(w.api.operations.items())
            if m not in ("GET", "HEAD") and not Api.is_public(op)]


def permitted_login(w, m, p):
    """A login whose role the README's matrix lets call this route (the manager when it may)."""
    row = w.matrix_rows.get((m, p))
    order = ["manager", "administrator", "panel_member", "scrutineer", "auditor", "agency_contributor",
             "independent_reviewer"]
    if row:
        for role in order:
            if row.get(role) == "yes":
                return w.logins[role]
    return w.logins["manager"]


def gen_csrf(w):
    out = []
    for m, p in write_operations(w):
        login = permitted_login(w, m, p)
        target, ctype, body = body_for(w, m, p, login)
        real = login.csrf
        variants = [
            ("missing", None),
            ("empty", ""),
            ("forged", hashlib.sha256(b"forged csrf").hexdigest()),
            ("altered-last-character", real[:-1] + ("0" if real[-1] != "0" else "1")),
            ("prefix", real[:-1]),
            ("with-suffix", real + "0"),
            ("upper-case", real.upper() if real.upper() != real else real + "X"),
            ("another-session's", w.logins["manager_b"].csrf if login.name != "manager_b" else w.logins["manager"].csrf),
            ("signed-out-session's", w.replay["signed_out"].csrf),
            ("over-256", real + "0" * 300),
            ("control-characters", real + "\x01\x7f"),
            ("the-session-token", login.token),
        ]
        for name, token in variants:
            out.append(Probe("csrf", "CSRF token %s" % name, m, target, login=login, csrf=token,
                             content_type=ctype, body=body, must={403}, must_code={"CSRF_TOKEN_INVALID"}))
        # the token where the server does not read it
        q = "&" if "?" in target else "?"
        out.append(Probe("csrf", "CSRF token in the query", m, target + q + "csrf_token=" + real, login=login,
                         csrf=None, content_type=ctype, body=body, must={403},
                         must_code={"CSRF_TOKEN_INVALID"}))
        out.append(Probe("csrf", "CSRF token as a cookie", m, target, login=login, csrf=None,
                         cookie=login.cookie + "; X-CSRF-Token=" + real + "; csrf_token=" + real,
                         content_type=ctype, body=body, must={403}, must_code={"CSRF_TOKEN_INVALID"}))
    return out


def gen_roles(w):
    out = []
    for method, path, note, cells in w.matrix:
        pattern = w.api.best_pattern(path)
        if pattern is None or (method, pattern) not in w.api.operations:
            continue
        for role, cell in sorted(cells.items()):
            if cell not in ("no", "404"):
                continue
            login = None if role == "anonymous" else w.logins[role]
            target, ctype, body = w.matrix_request(method, pattern, note, login)
            if role == "anonymous":
                must, codes = {401}, {"NOT_SIGNED_IN"}
            elif cell == "404":
                must, codes = {404}, None
            else:
                must, codes = {403}, {"FORBIDDEN", "CASE_COMMAND_FORBIDDEN"}
            out.append(Probe("roles", "%s: %s %s%s" % (role, method, path, " (%s)" % note if note else ""), method,
                             target, login=login, content_type=ctype, body=body,
                             expect="refuse" if method != "GET" else "read", must=must, must_code=codes))
    return out


def gen_password_change(w):
    out = []
    login = w.logins["must_change"]
    for (m, p), op in sorted(w.api.operations.items()):
        if Api.is_public(op) or p.startswith("/api/v1/session"):
            continue
        target, ctype, body = body_for(w, m, p, w.logins["manager"])
        out.append(Probe("password-change", "one-time password not yet changed", m, target, login=login,
                         content_type=ctype, body=body, expect="refuse" if m != "GET" else "read", must={403},
                         must_code={"PASSWORD_CHANGE_REQUIRED"}))
    return out


def gen_content_types(w):
    out = []
    wrong_json = [
        ("text/plain", None), ("multipart/form-data; boundary=hostile", "multipart"),
        ("application/x-www-form-urlencoded", "form"), ("application/xml", "xml"), (None, None),
        ("text/json", None), ("application/jsonx", None), ("application/json-patch+json", None),
        ("application/json, text/plain", None), ("application/javascript", None),
        ("application/problem+json", None),
        ("*/*", None),
    ]
    for (m, p), op in sorted(w.api.operations.items()):
        types = Api.body_types(op)
        if not types or p == "/api/v1/session":
            continue
        login = permitted_login(w, m, p)
        target, ctype, body = body_for(w, m, p, login)
        raw_body = body if isinstance(body, bytes) else encode_json(body)
        if "application/json" in types:
            for ct, shape in wrong_json:
                data = raw_body
                if shape == "multipart":
                    data = (b"--hostile\r\nContent-Disposition: form-data; name=\"json\"\r\n\r\n" + raw_body +
                            b"\r\n--hostile--\r\n")
                elif shape == "form":
                    data = urllib.parse.urlencode({"json": raw_body.decode("utf-8", "replace")}).encode()
                elif shape == "xml":
                    data = b"<?xml version=\"1.0\"?><body>" + raw_body + b"</body>"
                out.append(Probe("content-types", "JSON route sent %s" % ct, m, target, login=login,
                                 content_type=ct, body=data, must={415},
                                 must_code={"UNSUPPORTED_MEDIA_TYPE"}))
        elif "text/csv" in types:
            for ct in ["application/json", "text/plain", "multipart/form-data; boundary=x",
                       "application/x-www-form-urlencoded", None, "text/csvx", "application/vnd.ms-excel"]:
                out.append(Probe("content-types", "CSV route sent %s" % ct, m, target + "&dry_run=true",
                                 login=login, content_type=ct, body=raw_body, must={415},
                                 must_code={"UNSUPPORTED_MEDIA_TYPE"}))
        else:  # a document: the type must be one document-types lists
            for ct in ["application/x-msdownload", "text/html", "application/json", "image/svg+xml",
                       "multipart/form-data; boundary=x", "application/octet-stream", None,
                       "text/plain, text/html", "text/plain-x", "../../text/plain"]:
                out.append(Probe("content-types", "document sent as %r" % ct, m, target, login=login,
                                 content_type=ct, body=raw_body, must={400, 415},
                                 must_code={"INVALID_DOCUMENT", "UNSUPPORTED_MEDIA_TYPE"}))
    return out


def gen_oversize(w):
    out = []
    over = b'{"padding": "' + b"x" * (MAX_BODY + 10) + b'"}'
    for (m, p), op in sorted(w.api.operations.items()):
        login = permitted_login(w, m, p)
        target, ctype, body = body_for(w, m, p, login)
        document = (m, p) in (("POST", "/api/v1/cases/{id}/documents"), ("POST", "/api/v1/imports/{sheet}"))
        if p == "/api/v1/imports/{sheet}":
            target += "&dry_run=true"
        if document:
            limit = w.max_document
            ct = ctype
            head = body if isinstance(body, bytes) else b""
            out.append(Probe("oversize", "declared one byte over --max-document", m, target, login=login,
                             content_type=ct, body=head, content_length=str(limit + 1), must={413},
                             must_code={"BODY_TOO_LARGE"}, half_close=True))
            out.append(Probe("oversize", "sent one byte over --max-document", m, target, login=login,
                             content_type=ct, body=head + b"x" * (limit + 1 - len(head)), must={413},
                             must_code={"BODY_TOO_LARGE"}, timeout=60))
            out.append(Probe("oversize", "declared 2^63-1 bytes", m, target, login=login, content_type=ct,
                             body=head, content_length="9223372036854775807", must={413, 400}, half_close=True))
            continue
        ct = ctype or "application/json"
        out.append(Probe("oversize", "sent one byte over --max-body", m, target, login=login, content_type=ct,
                         body=b"{" + b" " * (MAX_BODY - 1) + b"}", must={413}, must_code={"BODY_TOO_LARGE"}))
        out.append(Probe("oversize", "sent 64 KiB + padding", m, target, login=login, content_type=ct,
                         body=over, must={413}, must_code={"BODY_TOO_LARGE"}))
        out.append(Probe("oversize", "declared 1 TB", m, target, login=login, content_type=ct, body=b"{}",
                         content_length=str(10 ** 12), must={413}, must_code={"BODY_TOO_LARGE"}, half_close=True))
        chunked = b""
        for _ in range(5):
            chunked += b"%x\r\n" % 16384 + b"y" * 16384 + b"\r\n"
        chunked += b"0\r\n\r\n"
        out.append(Probe("oversize", "chunked over --max-body", m, target, login=login, content_type=ct,
                         body=chunked, content_length=None, headers=[("Transfer-Encoding", "chunked")],
                         must={413}, must_code={"BODY_TOO_LARGE"}))
    return out


def gen_path_ids(w):
    out = []
    for (m, p), op in sorted(w.api.operations.items()):
        holders = re.findall(r"\{(\w+)\}", p)
        if not holders:
            continue
        login = permitted_login(w, m, p)
        # stale or empty bodies: no id below may name something the write could change
        target0, ctype, body = body_for(w, m, p, login)
        if isinstance(body, dict) and "expected_version" in body:
            body = dict(body, expected_version=body["expected_version"] + 1000)
        for holder in holders:
            values = list(HOSTILE_IDS)
            values += [("other partnership's", str(w.other_ids.get(holder, 999999)))]
            if holder == "vocabulary":
                values += [("unknown vocabulary", "death-categories"), ("sql", "factors'--")]
            if holder == "sheet":
                values += [("unknown sheet", "users"), ("traversal", "..%2Fsafeguarding")]
            if holder == "dataset":
                values += [("unknown dataset", "users"), ("ncmd-schema-lookalike", "ncmd.json")]
            for name, value in values:
                target = w.fill(p, {holder: value})
                query = target0.split("?", 1)[1] if "?" in target0 else ""
                if query and "?" not in target:
                    target += "?" + query
                if m in ("GET", "HEAD"):
                    out.append(Probe("path-ids", "%s {%s}" % (name, holder), m, target, login=login,
                                     expect="read", must={400, 404} if name != "other partnership's" else {404}))
                else:
                    out.append(Probe("path-ids", "%s {%s}" % (name, holder), m, target, login=login,
                                     content_type=ctype, body=body,
                                     must={400, 404, 409, 422} if name != "other partnership's" else {404}))
    # Another partnership's things with a body that would be accepted in one's own.
    other = w.other
    out.append(Probe("path-ids", "command on another partnership's case at its current version", "POST",
                     "/api/v1/cases/%d/commands" % other["case_id"], login=w.logins["manager"],
                     content_type="application/json",
                     body={"command": other["command"], "expected_version": other["version"],
                           "facts": other["facts"]}, must={404}, must_code={"CASE_NOT_FOUND"}))
    out.append(Probe("path-ids", "document attached to another partnership's case", "POST",
                     "/api/v1/cases/%d/documents?kind=other&name=hostile.txt" % other["case_id"],
                     login=w.logins["manager"], content_type="text/plain", body=b"hostile\n", must={404}))
    out.append(Probe("path-ids", "declaration for another partnership's reviewer", "POST",
                     "/api/v1/reviewers/%d/declarations" % other["reviewer_id"], login=w.logins["manager"],
                     content_type="application/json",
                     body={"declared_on": w.today, "text": "hostile", "rules_out": True}, must={404}))
    for name, (m, suffix, body) in {
        "suspend": ("PUT", "active", {"active": False}),
        "set the e-mail of": ("PUT", "email", {"email": "stolen@example.org"}),
        "reset the password of": ("POST", "password-reset", None),
    }.items():
        out.append(Probe("path-ids", "%s another partnership's user" % name, m,
                         "/api/v1/users/%d/%s" % (other["user_id"], suffix), login=w.logins["administrator"],
                         content_type="application/json" if body is not None else None, body=body, must={404}))
    for path in ("/api/v1/cases/%d", "/api/v1/cases/%d/timeline", "/api/v1/cases/%d/spine",
                 "/api/v1/cases/%d/deadlines", "/api/v1/cases/%d/documents"):
        for role in ("manager", "panel_member", "scrutineer", "auditor"):
            out.append(Probe("path-ids", "another partnership's case as %s" % role, "GET",
                             path % other["case_id"], login=w.logins[role], expect="read", must={404}))
    for role in ("manager", "panel_member", "independent_reviewer"):
        out.append(Probe("path-ids", "another partnership's document as %s" % role, "GET",
                         "/api/v1/documents/%d" % other["document_id"], login=w.logins[role], expect="read",
                         must={404}, must_code={"DOCUMENT_NOT_FOUND"}))
    out.append(Probe("path-ids", "another partnership's reviewer", "GET", "/api/v1/reviewers/%d" % other["reviewer_id"],
                     login=w.logins["manager"], expect="read", must={404}))
    out.append(Probe("path-ids", "another partnership's case in the access log filter", "GET",
                     "/api/v1/access-log?case_id=%d" % other["case_id"], login=w.logins["administrator"],
                     expect="read"))
    return out


def gen_query(w):
    out = []
    values = [(n, v) for n, v in INJECTIONS if n not in ("very-overlong",)]
    values += [("invalid-utf8", "%FF%FE"), ("encoded-nul", "%00"), ("plus-and-amp", "a+b&c=d"),
               ("negative", "-1"), ("huge", "9" * 40), ("float", "1.5"), ("bool-word", "yes")]
    for (m, p), op in sorted(w.api.operations.items()):
        if m != "GET":
            continue
        params = [json_schema_resolve(w.api.document, x) for x in op.get("parameters", [])]
        params = [x for x in params if x.get("in") == "query"]
        login = permitted_login(w, m, p)
        base = w.fill(p)
        for param in params:
            name = param["name"]
            schema = param.get("schema", {})
            if schema.get("format") == "date" or name in ("from", "to", "anchor", "day"):
                continue  # the dates category
            for vname, value in values:
                enc = value if vname in ("invalid-utf8", "encoded-nul") else urllib.parse.quote(
                    value.encode("utf-8", "surrogatepass"), safe="")
                extra = ""
                if p == "/api/v1/deadlines/preview":
                    extra = "&anchor=%s" % w.today if name == "rule" else "&rule=sin.notify_panel"
                out.append(Probe("query", "%s=%s" % (name, vname), "GET", "%s?%s=%s%s" % (base, name, enc, extra),
                                 login=login, expect="read"))
        out.append(Probe("query", "unknown parameter", "GET", base + "?hostile=1&__proto__=x", login=login,
                         expect="read"))
        if params:
            first = params[0]["name"]
            out.append(Probe("query", "parameter repeated", "GET", "%s?%s=a&%s=b&%s=" % (base, first, first, first),
                             login=login, expect="read"))
            out.append(Probe("query", "parameter without a value", "GET", "%s?%s" % (base, first), login=login,
                             expect="read"))
        out.append(Probe("query", "empty query pieces", "GET", base + "?&&=&", login=login, expect="read"))
        out.append(Probe("query", "overlong query", "GET", base + "?x=" + "q" * 6000, login=login, expect="read"))
    return out


def date_query_targets(w):
    """(target template with {d}, login) for every date query parameter of every GET route."""
    out = []
    for (m, p), op in sorted(w.api.operations.items()):
        if m != "GET":
            continue
        params = [json_schema_resolve(w.api.document, x) for x in op.get("parameters", [])]
        names = [x["name"] for x in params if x.get("in") == "query" and
                 (x.get("schema", {}).get("format") == "date" or x["name"] in ("from", "to", "anchor", "day"))]
        base = w.fill(p)
        login = permitted_login(w, m, p)
        for name in names:
            if p == "/api/v1/deadlines/preview":
                for rule in w.preview_rules:
                    out.append(("%s?rule=%s&anchor={d}" % (base, rule), login))
                continue
            other = {"from": "to", "to": "from"}.get(name)
            out.append(("%s?%s={d}" % (base, name), login))
            if other:
                # the other end of the period given too, so that the period is computed
                out.append(("%s?%s={d}&%s=%s" % (base, name, other, w.today), login))
            if p == "/api/v1/reports/yearly" or p == "/api/v1/reports/cdop-annual":
                out.append(("%s?%s={d}&format=csv&table=figures" % (base, name), login))
    return out


def gen_dates(w):
    out = []
    for template, login in date_query_targets(w):
        for d in EXTREME_DATES:
            out.append(Probe("dates", "date query %s" % d, "GET", template.replace("{d}", urllib.parse.quote(d)),
                             login=login, expect="read", must={400}, must_code={"INVALID_QUERY"}))
    # Dates inside the range whose consequences are not: a due date after 2199-12-31, the other end
    # of a period taken from a financial year outside it; and the widest period there is.
    for rule in w.preview_rules:
        out.append(Probe("dates", "preview from the last supported day", "GET",
                         "/api/v1/deadlines/preview?rule=%s&anchor=2199-12-31" % rule, login=w.logins["manager"],
                         expect="read", must={200, 400}))
    for template, login in date_query_targets(w):
        if "anchor={d}" in template:
            continue
        if re.search(r"[?&]from=\{d\}$", template):
            out.append(Probe("dates", "a period from the last supported day", "GET",
                             template.replace("{d}", "2199-12-31"), login=login, expect="read", must={200, 400}))
        if re.search(r"[?&]to=\{d\}$", template):
            out.append(Probe("dates", "a period to the first supported day", "GET",
                             template.replace("{d}", "1900-01-01"), login=login, expect="read", must={200, 400}))
            out.append(Probe("dates", "the widest period", "GET",
                             template.replace("to={d}", "from=1900-01-01&to=2199-12-31"), login=login,
                             expect="read"))
    # date members of JSON bodies (commands and openings are in the commands/openings generators)
    for d in EXTREME_DATES:
        feed = json.loads(json.dumps(w.shipped_feed))
        division = feed.get("england-and-wales", {})
        if division.get("events"):
            division["events"][0]["date"] = d
        out.append(Probe("dates", "bank-holiday feed with a holiday on %s" % d, "PUT", "/api/v1/calendar",
                         login=w.logins["administrator"], content_type="application/json", body=feed,
                         must={400}, must_code={"INVALID_CALENDAR_FEED"}))
        out.append(Probe("dates", "reminders of %s" % d, "GET", "/api/v1/reminders?day=" + urllib.parse.quote(d),
                         login=w.logins["manager"], expect="read", must={400}))
    return out


# The classes of hostile text every text field gets one of (rotating through each class, so that
# across the fields of a body every string of every class is sent).
TEXT_CLASSES = [
    ("sql injection", ["sql-or", "sql-drop-events", "sql-union"]),
    ("drop table", ["sql-drop"]),
    ("script tag", ["script-tag", "html-attr"]),
    ("template string", ["template", "format-string", "shell", "csv-formula", "json-operator"]),
    ("path traversal", ["path-traversal", "path-traversal-encoded"]),
    ("NUL and control characters", ["nul", "control", "crlf-log-forgery"]),
    ("overlong", ["overlong", "very-overlong"]),
    ("invalid UTF-8", ["invalid-utf8", "overlong-utf8-nul", "escaped-surrogate", "lone-surrogate"]),
    ("RTL override and invisible characters", ["rtl-override", "zero-width-bom", "astral"]),
    ("huge number", ["huge-number-text", "huge-integer", "int64-overflow", "huge-exponent"]),
    ("negative number", ["negative", "min-int64-minus-1"]),
    ("float", ["float", "nan", "infinity"]),
    ("wrong JSON type", ["boolean", "object", "number", "hex", "empty", "whitespace"]),
    ("nested arrays", ["nested-arrays", "too-deep", "array"]),
]
PAYLOADS = dict(INJECTIONS + RAW_STRINGS + WRONG_TYPES)


def text_payloads(turn, full=False):
    """One payload of each class (the `turn`-th of it), or every payload when `full`."""
    out = []
    for _, names in TEXT_CLASSES:
        chosen = names if full else [names[turn % len(names)]]
        out += [(n, PAYLOADS[n]) for n in chosen]
    return out


def field_payloads(prop, field_name, turn=0, full=False):
    """(name, value) payloads for one body member."""
    t = prop.get("type")
    out = []
    if t == "string" or t is None:
        if prop.get("format") == "date":
            out += [(n, PAYLOADS[n]) for n in ("sql-or", "script-tag", "nul", "invalid-utf8", "number",
                                               "nested-arrays")]
            out += [("date " + d, d) for d in EXTREME_DATES]
            out += [("date with time", "2022-09-16T00:00:00Z"), ("date with spaces", " 2022-09-16"),
                    ("date slashes", "16/09/2022"), ("date overflow", "2022-13-45")]
        elif "enum" in prop or "pattern" in prop:
            out += text_payloads(turn)[:8] + [("upper-cased choice", str(prop.get("enum", ["x"])[0]).upper()),
                                              ("choice with a space", " %s" % prop.get("enum", ["x"])[0])]
        else:
            out += text_payloads(turn, full)
    elif t == "boolean":
        out += [("string true", "true"), ("one", 1), ("zero", 0), ("empty string", ""), ("array", [True]),
                ("object", {}), ("sql", "' OR 1=1 --")]
    elif t == "integer":
        out += [(n, v) for n, v in WRONG_TYPES if n not in ("boolean",)]
        out += [("numeric string", "5"), ("sql", "1 OR 1=1"), ("true", True), ("float one", Raw(b"1.0e0"))]
    elif t == "array":
        items = prop.get("items", {})
        out += [("string not list", "Police"), ("nested arrays", [["Police"]]), ("numbers", [1, 2]),
                ("objects", [{"a": 1}]), ("too-deep", Raw(b"[" * 20 + b"]" * 20)),
                ("many", ["Police"] * 3000), ("invalid-utf8 item", [Raw(b'"\xff\xfe"')]), ("null item", [None])]
        out += [("item " + n, [v]) for n, v in text_payloads(turn)[:7]]
    elif t == "object":
        out += [("array", []), ("string", "x"), ("deep", Raw(b'{"a":' * 20 + b"1" + b"}" * 20))]
    return out


def gen_bodies(w):
    """Every member of every JSON body but the commands', openings' and the session's."""
    out = []
    skip = {("POST", "/api/v1/cases"), ("POST", "/api/v1/cases/checks"), ("POST", "/api/v1/cases/{id}/commands"),
            ("POST", "/api/v1/session"), ("PUT", "/api/v1/session/password"), ("PUT", "/api/v1/session/email"),
            ("PUT", "/api/v1/calendar")}
    for (m, p), op in sorted(w.api.operations.items()):
        if (m, p) in skip or "application/json" not in Api.body_types(op):
            continue
        schema = json_schema_resolve(w.api.document, op["requestBody"]["content"]["application/json"]["schema"])
        props = schema.get("properties", {})
        login = permitted_login(w, m, p)
        target, ctype, base = body_for(w, m, p, login)
        for field, prop in sorted(props.items()):
            prop = json_schema_resolve(w.api.document, prop)
            for name, value in field_payloads(prop, field, full=True):
                body = dict(base)
                body[field] = value
                alone = documented_invalid(prop, value, field)
                if name.startswith("date ") and value in EXTREME_DATES:
                    out.append(Probe("dates", "%s=%s" % (field, value), m, target, login=login, content_type=ctype,
                                     body=body, must={400}))
                elif alone:
                    out.append(Probe("bodies", "%s=%s" % (field, name), m, target, login=login, content_type=ctype,
                                     body=body, must={400, 422}))
                else:
                    # a value the member might take: carried by a member no body has (UNKNOWN_MEMBER)
                    body["hostile_member"] = True
                    out.append(Probe("bodies", "%s=%s with an unknown member" % (field, name), m, target,
                                     login=login, content_type=ctype, body=body, must={400},
                                     must_code={"UNKNOWN_MEMBER"}))
            missing = {k: v for k, v in base.items() if k != field}
            if field in schema.get("required", []):
                out.append(Probe("bodies", "%s missing" % field, m, target, login=login, content_type=ctype,
                                 body=missing, must={400, 422}))
            out.append(Probe("bodies", "%s null" % field, m, target, login=login, content_type=ctype,
                             body=dict(base, **{field: None}, hostile_member=1), must={400}))
        # hostile member names
        for name in ["__proto__", "constructor", "' OR 1=1 --", "", "\u0000", "a" * 1000, "Reason", "REASON"]:
            body = dict(base)
            body[name] = "x"
            out.append(Probe("bodies", "unknown member %r" % name[:20], m, target, login=login, content_type=ctype,
                             body=body, must={400}, must_code={"UNKNOWN_MEMBER", "INVALID_JSON"}))
    # Vocabulary codes are validated on their own: each injection is an invalid code.
    for vocab, base in (("factors", {"domain": "child", "label": "Hostile"}), ("themes", {"label": "Hostile"})):
        for name, value in INJECTIONS:
            if not code_invalid(value):
                continue
            out.append(Probe("bodies", "vocabulary code %s" % name, "POST", "/api/v1/vocabularies/%s" % vocab,
                             login=w.logins["administrator"], content_type="application/json",
                             body=dict(base, code=value), must={400}, must_code={"INVALID_CODE", "INVALID_JSON",
                                                                                  "INVALID_MEMBER"}))
    # A rule setting that would make a statutory time weaker, and amounts no rule takes.
    for name, amount in [("zero", 0), ("negative", -5), ("huge", 10 ** 9), ("int64-max", 2 ** 63 - 1)]:
        out.append(Probe("bodies", "rule amount %s" % name, "PUT",
                         "/api/v1/deadline-rules/%s/setting" % w.rule_id, login=w.logins["administrator"],
                         content_type="application/json", body={"amount": amount, "reason": "hostile"},
                         must={400, 422}))
    out.append(Probe("bodies", "statutory rule made weaker", "PUT", "/api/v1/deadline-rules/sin.notify_panel/setting",
                     login=w.logins["administrator"], content_type="application/json",
                     body={"amount": 50, "reason": "hostile"}, must={422}, must_code={"RULE_SETTING_REFUSED"}))
    out.append(Probe("bodies", "anchor the rule does not have", "PUT",
                     "/api/v1/deadline-rules/%s/setting" % w.anchor_rule_id, login=w.logins["administrator"],
                     content_type="application/json", body={"anchor": "' OR 1=1 --", "reason": "hostile"},
                     must={400, 422}))
    # A username that exists, and one for another partnership's login.
    for username in ("demo.manager", "other.manager", "DEMO.MANAGER"):
        out.append(Probe("bodies", "user %s again" % username, "POST", "/api/v1/users", login=w.logins["administrator"],
                         content_type="application/json",
                         body={"username": username, "display_name": "x", "role": "manager", "hostile_member": 1},
                         must={400, 409}))
    out.append(Probe("bodies", "user named after an existing one", "POST", "/api/v1/users",
                     login=w.logins["administrator"], content_type="application/json",
                     body={"username": "demo.manager", "display_name": "x", "role": "manager",
                           "password": "a hostile corpus password 2026"}, must={409}, must_code={"USER_EXISTS"}))
    for vocab, code in (("factors", w.factor_code), ("themes", w.theme_code)):
        body = {"code": code, "label": "Hostile duplicate"}
        if vocab == "factors":
            body["domain"] = "child"
        out.append(Probe("bodies", "%s code that exists" % vocab, "POST", "/api/v1/vocabularies/%s" % vocab,
                         login=w.logins["administrator"], content_type="application/json", body=body,
                         must={409}, must_code={"CODE_EXISTS"}))
    return out


def gen_json(w):
    out = []
    bodies = [
        ("empty body", b""), ("array", b"[]"), ("string", b'"x"'), ("number", b"1"), ("null", b"null"),
        ("true", b"true"), ("truncated", b'{"kind": "serious_incident_notification", "facts": {'),
        ("trailing garbage", b'{"a": 1} trailing'), ("two objects", b"{}{}"), ("single quotes", b"{'a': 1}"),
        ("comment", b'{/* c */ "a": 1}'), ("trailing comma", b'{"a": 1,}'), ("unquoted key", b"{a: 1}"),
        ("NaN", b'{"a": NaN}'), ("BOM", b"\xef\xbb\xbf{}"), ("UTF-16", "{}".encode("utf-16")),
        ("invalid UTF-8 key", b'{"\xff": 1}'), ("invalid UTF-8 value", b'{"a": "\xc3\x28"}'),
        ("overlong NUL", b'{"a": "\xc0\x80"}'), ("lone surrogate escape", b'{"a": "\\udc00"}'),
        ("bad escape", b'{"a": "\\x41"}'), ("raw control in string", b'{"a": "x\x01y"}'),
        ("raw newline in string", b'{"a": "x\ny"}'), ("NUL bytes", b"\x00\x00\x00\x00"),
        ("17 deep", b'{"a":' * 17 + b"1" + b"}" * 17),
        ("32,000 deep arrays", b"[" * 32000 + b"]" * 32000),
        ("32,000 deep unclosed", b"[" * 32700),
        ("20,000 deep objects", b'{"a":' * 10000 + b"1" + b"}" * 10000),
        ("huge number", b'{"a": ' + b"9" * 5000 + b"}"),
        ("huge exponent", b'{"a": 1e999999999}'), ("negative zero", b'{"a": -0}'),
        ("duplicate keys", b'{"kind": "serious_incident_notification", "kind": "x", "facts": {}, "facts": 1}'),
        ("many members", b"{" + b",".join(b'"k%d": %d' % (i, i) for i in range(5000)) + b"}"),
        ("only whitespace", b" \r\n\t "),
    ]
    for (m, p), op in sorted(w.api.operations.items()):
        if "application/json" not in Api.body_types(op):
            continue
        login = permitted_login(w, m, p) if p != "/api/v1/session" else None
        target, ctype, _ = body_for(w, m, p, login or w.logins["manager"])
        for name, data in bodies:
            must = {400, 413}
            out.append(Probe("json", name, m, target, login=login, content_type="application/json", body=data,
                             must=must))
    return out


def gen_commands(w):
    """Every fact of every workflow command, on a case of its kind; the envelope too."""
    out = []
    manager = w.logins["manager"]
    turn = [0]
    for kind, commands in sorted(w.commands.items()):
        for command, schema in sorted(commands.items()):
            if command.startswith("open_") or command == "notify_death":
                pass  # opening commands are also refused on an existing case (another state)
            case_id, allowed_now = w.case_for(kind, command)
            version = w.versions[case_id]
            props = schema.get("properties", {})
            base = base_facts(schema, w.today)
            target = "/api/v1/cases/%d/commands" % case_id
            texts = [f for f, pr in sorted(props.items()) if pr.get("type") == "string" and
                     "enum" not in pr and "format" not in pr and "pattern" not in pr]
            for field, prop in sorted(props.items()):
                turn[0] += 1
                full = bool(texts) and field == texts[0]
                for name, value in field_payloads(prop, field, turn[0], full):
                    facts = dict(base)
                    facts[field] = value
                    is_date = name.startswith("date ") and value in EXTREME_DATES
                    alone = documented_invalid(prop, value, field)
                    if is_date:
                        # only the date is wrong, at the case's version: if it were taken, the step would be
                        out.append(Probe("dates", "%s.%s %s=%s" % (kind, command, field, value), "POST", target,
                                         login=manager, content_type="application/json",
                                         body={"command": command, "expected_version": version, "facts": facts},
                                         must={400}, track=case_id))
                    elif alone:
                        out.append(Probe("commands", "%s.%s %s=%s" % (kind, command, field, name), "POST", target,
                                         login=manager, content_type="application/json",
                                         body={"command": command, "expected_version": version, "facts": facts},
                                         must={400, 422}, track=case_id))
                    else:
                        # a value the fact may take: sent at a version the case is not at (409 at the latest)
                        out.append(Probe("commands", "%s.%s %s=%s at a stale version" % (kind, command, field, name),
                                         "POST", target, login=manager, content_type="application/json",
                                         body={"command": command, "expected_version": version + 1000,
                                               "facts": facts}, must={400, 403, 409, 422}))
            # facts that are not the command's
            facts = dict(base, hostile_fact="x")
            out.append(Probe("commands", "%s.%s unknown fact" % (kind, command), "POST", target, login=manager,
                             content_type="application/json",
                             body={"command": command, "expected_version": version, "facts": facts},
                             must={400, 422}, track=case_id))
            for field in schema.get("required", []):
                facts = {k: v for k, v in base.items() if k != field}
                out.append(Probe("commands", "%s.%s without %s" % (kind, command, field), "POST", target,
                                 login=manager, content_type="application/json",
                                 body={"command": command, "expected_version": version, "facts": facts},
                                 must={400, 422}, track=case_id))
    # The envelope, on one case.
    case_id = w.lcspr_id
    version = w.versions[case_id]
    command, facts = w.allowed_command(case_id)
    target = "/api/v1/cases/%d/commands" % case_id
    envelopes = []
    for name, value in INJECTIONS + RAW_STRINGS:
        envelopes.append(("command=%s" % name, {"command": value, "expected_version": version, "facts": facts}))
    for name, value in WRONG_TYPES + [("numeric string", str(version)), ("null", None), ("float version", version + 0.5)]:
        envelopes.append(("expected_version=%s" % name, {"command": command, "expected_version": value,
                                                          "facts": facts}))
    for name, value in [("array", []), ("string", "x"), ("number", 1), ("true", True), ("invalid-utf8", RAW_STRINGS[0][1])]:
        envelopes.append(("facts=%s" % name, {"command": command, "expected_version": version, "facts": value}))
    envelopes += [
        ("no command", {"expected_version": version, "facts": facts}),
        ("no version", {"command": command, "facts": facts}),
        ("negative version", {"command": command, "expected_version": -1, "facts": facts}),
        ("version + 1", {"command": command, "expected_version": version + 1, "facts": facts}),
        ("extra member", {"command": command, "expected_version": version, "facts": facts, "actor": "demo.admin"}),
        ("command of another workflow", {"command": "record_decision", "expected_version": version, "facts": {}}),
        ("command with a trailing space", {"command": command + " ", "expected_version": version, "facts": facts}),
        ("command in upper case", {"command": command.upper(), "expected_version": version, "facts": facts}),
    ]
    for name, body in envelopes:
        out.append(Probe("commands", "envelope %s" % name, "POST", target, login=manager,
                         content_type="application/json", body=body, must={400, 403, 409, 422}, track=case_id))
    return out


def gen_openings(w):
    out = []
    manager = w.logins["manager"]
    for kind, command, schema in w.openings:
        props = schema.get("properties", {})
        base = base_facts(schema, w.today)
        required = schema.get("required", [])
        for i, (field, prop) in enumerate(sorted(props.items())):
            for name, value in field_payloads(prop, field, i, full=field == "summary"):
                facts = dict(base)
                facts[field] = value
                body = {"kind": kind, "facts": facts}
                # checks never open a case: the hostile value alone
                out.append(Probe("openings" if not name.startswith("date ") else "dates",
                                 "checks %s %s=%s" % (kind, field, name), "POST", "/api/v1/cases/checks",
                                 login=manager, content_type="application/json", body=body,
                                 expect="read", must={200, 400}))
                alone = documented_invalid(prop, value, field)
                # a hostile local authority is outside the area: CONFIRMATION_REQUIRED may come first;
                # a case opened only through its parent is refused as such (422) whatever its facts
                must = {400, 409} if "local_authority" in field else {400}
                if kind in w.child_kinds:
                    must = must | {422}
                if alone:
                    out.append(Probe("openings" if not name.startswith("date ") else "dates",
                                     "open %s %s=%s" % (kind, field, name), "POST", "/api/v1/cases", login=manager,
                                     content_type="application/json", body=body, must=must))
                else:
                    # a value the fact may take: another required fact left out
                    gone = next((r for r in required if r != field), None)
                    carrier = {k: v for k, v in facts.items() if k != gone}
                    out.append(Probe("openings", "open %s %s=%s without %s" % (kind, field, name, gone), "POST",
                                     "/api/v1/cases", login=manager, content_type="application/json",
                                     body={"kind": kind, "facts": carrier}, must=must))
    for name, value in INJECTIONS + RAW_STRINGS + [("number", 1), ("array", ["x"])]:
        out.append(Probe("openings", "kind=%s" % name, "POST", "/api/v1/cases", login=manager,
                         content_type="application/json", body={"kind": value, "facts": {}}, must={400}))
        out.append(Probe("openings", "confirm=[%s]" % name, "POST", "/api/v1/cases", login=manager,
                         content_type="application/json",
                         body={"kind": "serious_incident_notification", "facts": {"harm": "not a harm"},
                               "confirm": [value]}, must={400}))
    for name, value in [("string", "POSSIBLE_DUPLICATE"), ("object", {}), ("nested", [["WRONG_AREA"]])]:
        out.append(Probe("openings", "confirm is %s" % name, "POST", "/api/v1/cases", login=manager,
                         content_type="application/json",
                         body={"kind": "serious_incident_notification", "facts": {}, "confirm": value}, must={400}))
    for kind in w.child_kinds:
        out.append(Probe("openings", "open a %s directly" % kind, "POST", "/api/v1/cases", login=manager,
                         content_type="application/json", body={"kind": kind, "facts": {}}, must={400, 422}))
    return out


def gen_documents(w):
    out = []
    manager = w.logins["manager"]
    case_id = w.lcspr_id
    good = b"Hostile corpus document\n"
    # The kind and name travel in the query: a value that is not UTF-8 text is
    # refused with the address (INVALID_URI), one too long for a request line
    # with the request (INVALID_REQUEST), before the document is looked at.
    refused = {"INVALID_DOCUMENT", "INVALID_URI", "INVALID_REQUEST"}
    for name, value in INJECTIONS:
        q = urllib.parse.quote(value.encode("utf-8", "surrogatepass"), safe="")
        # a kind no list has
        out.append(Probe("documents", "kind=%s" % name, "POST",
                         "/api/v1/cases/%d/documents?kind=%s&name=hostile.txt" % (case_id, q), login=manager,
                         content_type="text/plain", body=good, must={400}, must_code=refused))
        # a name without the type's extension
        if re.search(r"\.(pdf|docx|xlsx|odt|txt|csv|png|jpe?g)$", value, re.I):
            continue
        out.append(Probe("documents", "name=%s" % name, "POST",
                         "/api/v1/cases/%d/documents?kind=draft&name=%s" % (case_id, q), login=manager,
                         content_type="text/plain", body=good, must={400}, must_code=refused))
        # a name that might pass, with an unknown kind
        out.append(Probe("documents", "name=%s.txt with an unknown kind" % name, "POST",
                         "/api/v1/cases/%d/documents?kind=hostile&name=%s.txt" % (case_id, q), login=manager,
                         content_type="text/plain", body=good, must={400}, must_code=refused))
    for name, qs, ctype, body in [
        ("empty file", "kind=draft&name=empty.txt", "text/plain", b""),
        ("PDF that is not", "kind=draft&name=x.pdf", "application/pdf", b"not a pdf at all"),
        ("PNG that is not", "kind=draft&name=x.png", "image/png", b"GIF89a"),
        ("name with slash", "kind=draft&name=..%2F..%2Fetc%2Fpasswd.txt", "text/plain", good),
        ("name with backslash", "kind=draft&name=..%5Cwin.ini.txt", "text/plain", good),
        ("name with NUL", "kind=draft&name=a%00.txt", "text/plain", good),
        ("name with CR LF", "kind=draft&name=a%0D%0AX-Injected%3A%201.txt", "text/plain", good),
        ("name of 300 characters", "kind=draft&name=" + "n" * 296 + ".txt", "text/plain", good),
        ("name of invalid UTF-8", "kind=draft&name=%FF%FE.txt", "text/plain", good),
        ("no kind", "name=x.txt", "text/plain", good),
        ("no name", "kind=draft", "text/plain", good),
        ("kind twice", "kind=hostile&kind=draft&name=x.txt&kind=hostile", "text/plain", good),
        ("extension of another type", "kind=draft&name=x.exe", "text/plain", good),
        ("double extension", "kind=draft&name=x.txt.exe", "text/plain", good),
        ("type in upper case with a bad name", "kind=draft&name=x", "TEXT/PLAIN", good),
    ]:
        out.append(Probe("documents", name, "POST", "/api/v1/cases/%d/documents?%s" % (case_id, qs), login=manager,
                         content_type=ctype, body=body, must={400}, must_code={"INVALID_DOCUMENT", "INVALID_QUERY",
                                                                                "INVALID_URI"}))
    # uploads by those who may not
    for role in ("scrutineer", "auditor"):
        out.append(Probe("documents", "upload as %s" % role, "POST",
                         "/api/v1/cases/%d/documents?kind=draft&name=x.txt" % case_id, login=w.logins[role],
                         content_type="text/plain", body=good, must={403}))
    for role in ("administrator", "agency_contributor"):
        out.append(Probe("documents", "upload as %s" % role, "POST",
                         "/api/v1/cases/%d/documents?kind=draft&name=x.txt" % case_id, login=w.logins[role],
                         content_type="text/plain", body=good, must={404}))
    out.append(Probe("documents", "reviewer uploads to a case not theirs", "POST",
                     "/api/v1/cases/%d/documents?kind=draft&name=x.txt" % w.notification_id,
                     login=w.logins["independent_reviewer"], content_type="text/plain", body=good, must={404}))
    # downloads
    for role in ("administrator", "agency_contributor", "scrutineer", "auditor"):
        out.append(Probe("documents", "draft downloaded by %s" % role, "GET", "/api/v1/documents/%d" % w.document_id,
                         login=w.logins[role], expect="read", must={404}))
    for name, value in HOSTILE_IDS:
        out.append(Probe("documents", "download id %s" % name, "GET", "/api/v1/documents/%s" % value,
                         login=manager, expect="read", must={400, 404}))
    out.append(Probe("documents", "download with a Range header", "GET", "/api/v1/documents/%d" % w.document_id,
                     login=manager, headers=[("Range", "bytes=-999999999999")], expect="read"))
    return out


def gen_imports(w):
    out = []
    manager = w.logins["manager"]
    header = ",".join(w.import_columns)
    rows = []
    for name, value in INJECTIONS:
        if name in ("very-overlong",):
            continue
        cells = []
        for col in w.import_columns:
            v = value.replace('"', '""')
            cells.append('"%s"' % v)
        rows.append((name, header + "\r\n" + ",".join(cells) + "\r\n"))
    rows += [
        ("formula cells", header + "\r\n" + ",".join("=1+1" for _ in w.import_columns) + "\r\n"),
        ("unbalanced quotes", header + "\r\n\"unterminated," + "x," * (len(w.import_columns) - 1) + "\r\n"),
        ("header only with a BOM", "\ufeff" + header + "\r\n"),
        ("no header", "a,b,c\r\n"),
        ("empty", ""),
        ("NUL bytes", "\x00" * 100),
        ("extreme dates", header + "\r\n" + ",".join(EXTREME_DATES[i % len(EXTREME_DATES)] for i in range(
            len(w.import_columns))) + "\r\n"),
        ("2,001 rows", header + "\r\n" + ("x," * (len(w.import_columns) - 1) + "x\r\n") * 2001),
        ("a valid row then an invalid one", w.valid_import_csv.decode() +
         ",".join("' OR 1=1 --" for _ in w.import_columns) + "\r\n"),
    ]
    for d in EXTREME_DATES:
        csv_text = w.valid_import_csv.decode().replace(w.today, d)
        rows.append(("became_aware_on %s" % d, csv_text))
    for name, text in rows:
        data = text.encode("utf-8", "surrogatepass")
        for sheet in ("safeguarding", "deaths"):
            out.append(Probe("imports", "dry run: %s (%s)" % (name, sheet), "POST",
                             "/api/v1/imports/%s?dry_run=true&file_name=hostile.csv" % sheet, login=manager,
                             content_type="text/csv", body=data, expect="read", must={200, 400, 413, 422}))
        # not a dry run: each of these files has a row that must be refused, so nothing may be written
        # (a file without rows is only tried as a dry run)
        if name not in ("header only with a BOM", "empty"):
            out.append(Probe("imports" if not name.startswith("became") else "dates",
                             "import: %s" % name, "POST", "/api/v1/imports/safeguarding?file_name=hostile.csv",
                             login=manager, content_type="text/csv", body=data, must={400, 413, 422}))
    for name, value in INJECTIONS[:16] + [("invalid-utf8", "%FF"), ("nul", "%00")]:
        q = value if name in ("invalid-utf8", "nul") else urllib.parse.quote(value.encode("utf-8", "surrogatepass"),
                                                                            safe="")
        out.append(Probe("imports", "file_name=%s" % name, "POST",
                         "/api/v1/imports/safeguarding?dry_run=true&file_name=%s" % q, login=manager,
                         content_type="text/csv", body=w.valid_import_csv, expect="read", must={200, 400}))
        out.append(Probe("imports", "dry_run=%s" % name, "POST",
                         "/api/v1/imports/safeguarding?file_name=x.csv&dry_run=%s" % q, login=manager,
                         content_type="text/csv", body=b"", must={400, 422}))
    return out


def gen_sign_in(w):
    out = []
    schema = w.api.operations[("POST", "/api/v1/session")]["requestBody"]["content"]["application/json"]["schema"]
    base = {"username": "demo.panel", "password": "not the password at all"}
    for field in sorted(schema["properties"]):
        for name, value in field_payloads(schema["properties"][field], field, full=True):
            body = dict(base)
            body[field] = value
            out.append(Probe("sign-in", "%s=%s" % (field, name), "POST", "/api/v1/session",
                             content_type="application/json", body=body, must={400, 401, 403, 429}))
    # The right password with a partnership the user has no role in (or that does not exist).
    for name, value in [("other", "other"), ("sql", "' OR 1=1 --"), ("unknown", "nowhere"), ("empty", ""),
                        ("default in capitals", "DEFAULT")]:
        out.append(Probe("sign-in", "right password, partnership %s" % name, "POST", "/api/v1/session",
                         content_type="application/json",
                         body={"username": "hostile.signin", "password": EXTRA_PASSWORD, "partnership": value},
                         must={400, 401, 403, 429}))
    out.append(Probe("sign-in", "a suspended user with the right password", "POST", "/api/v1/session",
                     content_type="application/json",
                     body={"username": "hostile.suspended", "password": EXTRA_PASSWORD}, must={401, 403, 429}))
    for name, body in [("username with the password's case changed", {"username": "DEMO.PANEL", "password": DEMO_PASSWORD.upper()}),
                       ("username with a NUL", {"username": "demo.panel\u0000", "password": "x"}),
                       ("username with trailing space and wrong password", {"username": "demo.panel ", "password": "x"}),
                       ("extra member", {"username": "demo.panel", "password": "x", "role": "administrator"})]:
        out.append(Probe("sign-in", name, "POST", "/api/v1/session", content_type="application/json", body=body,
                         must={400, 401, 429}))
    # Password change: the current password is never the right one here.
    panel = w.logins["panel_member"]
    for field in ("current_password", "new_password"):
        for name, value in field_payloads({"type": "string"}, field, full=True):
            body = {"current_password": "not my password", "new_password": "a long enough new password 2026"}
            body[field] = value
            body["hostile_member"] = 1
            out.append(Probe("sign-in", "password change %s=%s (unknown member)" % (field, name), "PUT",
                             "/api/v1/session/password", login=panel, content_type="application/json", body=body,
                             must={400}))
    for name, value in [("sql", "' OR 1=1 --"), ("empty", ""), ("nul", "\u0000"), ("number", 1)]:
        out.append(Probe("sign-in", "password change with a wrong current password %s" % name, "PUT",
                         "/api/v1/session/password", login=panel, content_type="application/json",
                         body={"current_password": value, "new_password": "a long enough new password 2026"},
                         must={400, 422}))
    out.append(Probe("sign-in", "password change to a weak password", "PUT", "/api/v1/session/password",
                     login=panel, content_type="application/json",
                     body={"current_password": DEMO_PASSWORD, "new_password": "short"}, must={422},
                     must_code={"PASSWORD_TOO_WEAK"}))
    out.append(Probe("sign-in", "password change to one containing the username", "PUT", "/api/v1/session/password",
                     login=panel, content_type="application/json",
                     body={"current_password": DEMO_PASSWORD, "new_password": "demo.panel and more words"},
                     must={422}, must_code={"PASSWORD_TOO_WEAK"}))
    # E-mail addresses (one's own, and a user's): each invalid address alone, others with an unknown member.
    for target, login in (("/api/v1/session/email", w.logins["panel_member"]),
                          ("/api/v1/users/%d/email" % w.victim_user_id, w.logins["administrator"])):
        for name, value in field_payloads({"type": "string", "maxLength": 254}, "email", full=True) + [
                ("two ats", "a@b@c"), ("no local part", "@example.org"), ("no domain", "a@"),
                ("angle brackets", "<a@example.org>"), ("header injection", "a@example.org\r\nBcc: x@y.z"),
                ("255 characters", "a" * 243 + "@example.org")]:
            body = {"email": value}
            if documented_invalid({"type": "string", "maxLength": 254}, value, "email"):
                out.append(Probe("sign-in", "e-mail %s" % name, "PUT", target, login=login,
                                 content_type="application/json", body=body, must={400},
                                 must_code={"INVALID_MEMBER", "INVALID_JSON"}))
            else:
                body["hostile_member"] = 1
                out.append(Probe("sign-in", "e-mail %s with an unknown member" % name, "PUT", target, login=login,
                                 content_type="application/json", body=body, must={400}))
    return out


def gen_protocol(w):
    out = []
    m = w.logins["manager"]
    base = "/api/v1/cases/checks"
    body = encode_json({"kind": "serious_incident_notification", "facts": {}})
    head = ("POST %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nCookie: %s\r\nX-CSRF-Token: %s\r\n"
            "Content-Type: application/json\r\n" % (base, m.cookie, m.csrf)).encode()
    raws = [
        ("two Content-Length headers that disagree", head + b"Content-Length: 2\r\nContent-Length: %d\r\n\r\n" % len(body) + body, {400, 200}),
        ("negative Content-Length", head + b"Content-Length: -5\r\n\r\n" + body, {400}),
        ("non-numeric Content-Length", head + b"Content-Length: ten\r\n\r\n" + body, {400}),
        ("Content-Length and chunked", head + b"Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n"
         + b"%x\r\n" % len(body) + body + b"\r\n0\r\n\r\n", {200, 400}),
        ("chunk size not hexadecimal", head + b"Transfer-Encoding: chunked\r\n\r\nzz\r\n" + body + b"\r\n0\r\n\r\n", {400}),
        ("chunk size overflowing", head + b"Transfer-Encoding: chunked\r\n\r\nffffffffffffffffff\r\n" + body + b"\r\n0\r\n\r\n", {400, 413}),
        ("chunked without the last chunk", head + b"Transfer-Encoding: chunked\r\n\r\n%x\r\n" % len(body) + body + b"\r\n", {400}),
        ("unknown transfer coding", head + b"Transfer-Encoding: gzip\r\n\r\n" + body, {400, 415}),
        ("request line without a version", b"GET /api/v1/health\r\n\r\n", {400}),
        ("HTTP/0.9 style", b"GET /api/v1/health HTTP/0.9\r\n\r\n", {200, 400}),
        ("version 9.9", b"GET /api/v1/health HTTP/9.9\r\nHost: x\r\nConnection: close\r\n\r\n", {200, 400}),
        ("absolute URI", b"GET http://evil.example/api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {200, 400, 404}),
        ("asterisk target", b"OPTIONS * HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: 0\r\n\r\n", {400, 404, 405}),
        ("target with a space", b"GET /api/v1/he alth HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400, 404}),
        ("target with a raw NUL", b"GET /api/v1/health\x00 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400, 404}),
        ("target with raw UTF-8", "GET /api/v1/cases/\u00e9 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n".encode(), {400, 401, 404}),
        ("target with a fragment", b"GET /api/v1/health#x HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {200, 400}),
        ("dot segments", b"GET /api/v1/../v1/./health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {200, 400, 404}),
        ("encoded slash", b"GET /api/v1/cases%2F1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400, 401, 404}),
        ("double slashes", b"GET //api//v1//health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400, 404}),
        ("8 KiB target", b"GET /api/v1/" + b"a" * 8192 + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", {400, 404, 414}),
        ("header of 10 KiB", b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: " + b"a" * 10240 + b"\r\n\r\n", {200, 400, 431}),
        ("150 headers", b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n" + b"".join(b"X-H%d: 1\r\n" % i for i in range(150)) + b"\r\n", {200, 400, 431}),
        ("header without a colon", b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nNoColon\r\n\r\n", {200, 400}),
        ("header with a NUL", b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-A: a\x00b\r\n\r\n", {200, 400}),
        ("obsolete line folding", b"GET /api/v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-A: a\r\n b\r\n\r\n", {200, 400}),
        ("bare LF line ends", b"GET /api/v1/health HTTP/1.1\nHost: x\nConnection: close\n\n", {200, 400}),
        ("binary garbage", b"\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03" + b"\x00" * 64 + b"\r\n\r\n", {400}),
        ("a TLS client hello", bytes.fromhex("16030100a5010000a10303") + b"\x00" * 150, {400}),
    ]
    for name, data, must in raws:
        method = data.split(b" ", 1)[0].decode("latin-1", "replace")
        target = data.split(b" ", 2)[1].decode("latin-1", "replace") if data.count(b" ") >= 2 else "/api/v1/health"
        if name in ("binary garbage", "a TLS client hello"):
            target = "*"  # not HTTP at all: no address, so no problem JSON is owed; a 400 or a close
        out.append(Probe("protocol", name, method if method in ("GET", "POST", "OPTIONS") else "GET", target,
                         raw=data, expect="read" if 200 in must else "refuse", must=must, half_close=True,
                         closing_ok=name in ("binary garbage", "a TLS client hello", "chunked without the last chunk")))
    # Hostile header values the handlers read: the reason for reading identity, the CSRF token, the cookie.
    # A reason is logged whole (200) or refused (400 INVALID_ACCESS_REASON), never cut or dropped.
    for name, value in INJECTIONS:
        if name in ("very-overlong",):
            continue
        v = value.replace("\r", "").replace("\n", "")
        out.append(Probe("protocol", "X-Access-Reason %s" % name, "GET", "/api/v1/cases/%d" % w.identity_case_id,
                         login=m, headers=[("X-Access-Reason", v)], expect="read", must=access_reason_answers(v)))
    for name, value in [("invalid UTF-8", b"reason \xff\xfe\xc0\xaf"), ("UTF-8 surrogate", b"\xed\xa0\x80"),
                        ("DEL and C1", "reason\x7f\u0085\u009b"), ("257 characters", "r" * 257)]:
        out.append(Probe("protocol", "X-Access-Reason %s" % name, "GET", "/api/v1/cases/%d" % w.identity_case_id,
                         login=m, headers=[("X-Access-Reason", value)], expect="read", must={400}))
    # what was logged is read back: every answer must still be JSON (or CSV) in UTF-8
    for target, role in (("/api/v1/access-log", "administrator"), ("/api/v1/access-log?format=csv", "administrator"),
                         ("/api/v1/access-log?case_id=%d" % w.identity_case_id, "auditor")):
        out.append(Probe("protocol", "the access log read back", "GET", target, login=w.logins[role],
                         expect="read", must={200}))
    for name, value in [("X-Forwarded-For", "' OR 1=1 --, 10.0.0.1"), ("X-Real-IP", "127.0.0.1\x01"),
                        ("X-Actor", "demo.admin"), ("X-HTTP-Method-Override", "DELETE"),
                        ("X-Original-URL", "/api/v1/users"), ("Origin", "http://evil.example"),
                        ("Referer", "javascript:alert(1)"), ("Accept", "application/json;q=../../etc"),
                        ("Accept-Encoding", "gzip;q=" + "9" * 500), ("Cookie", "a=" + "b" * 5000)]:
        out.append(Probe("protocol", "header %s" % name, "GET", "/api/v1/session", login=m if name != "Cookie" else None,
                         headers=[(name, value)], expect="read"))
    # A method override must not turn a read into a write.
    out.append(Probe("protocol", "X-HTTP-Method-Override: DELETE on sign-out (GET)", "GET", "/api/v1/session",
                     login=w.logins["manager_b"], headers=[("X-HTTP-Method-Override", "DELETE"),
                                                            ("X-Method-Override", "DELETE")], expect="read",
                     must={200}))
    out.append(Probe("protocol", "_method=DELETE in the query", "GET", "/api/v1/session?_method=DELETE",
                     login=w.logins["manager_b"], expect="read"))
    return out


# ---- slow bodies: run on their own threads, beside the rest


def gen_slow(w):
    """Probes whose bodies are sent slowly, cut short or stopped."""
    out = []
    m = w.logins["manager"]
    admin = w.logins["administrator"]
    sin_open = {"kind": "serious_incident_notification",
                "facts": {"became_aware_on": w.today, "harm": "serious_harm", "abuse_or_neglect": "suspected",
                          "location": "in_area", "local_authority": AREA[0],
                          "summary": "Hostile corpus: a body cut short must never open a case"}}
    whole = encode_json(sin_open)
    area = encode_json({"local_authority": "Hostile truncated borough"})
    doc = b"Hostile corpus: a document cut short must never be stored.\n" * 20
    # 1. A complete JSON object, declared longer, then the client closes its side: the body is not all there.
    out.append(Probe("slow-bodies", "case opening cut short (declared 200 bytes more, then half-closed)", "POST",
                     "/api/v1/cases", login=m, content_type="application/json", body=whole,
                     content_length=str(len(whole) + 200), half_close=True, must={400}, closing_ok=True,
                     timeout=25))
    out.append(Probe("slow-bodies", "area cut short (declared 500 bytes more, then half-closed)", "POST",
                     "/api/v1/partnership/areas", login=admin, content_type="application/json", body=area,
                     content_length=str(len(area) + 500), half_close=True, must={400}, closing_ok=True,
                     timeout=25))
    out.append(Probe("slow-bodies", "document cut short (half of the declared bytes, then half-closed)", "POST",
                     "/api/v1/cases/%d/documents?kind=draft&name=cut.txt" % w.lcspr_id, login=m,
                     content_type="text/plain", body=doc, content_length=str(len(doc) * 2), half_close=True,
                     must={400}, closing_ok=True, timeout=25))
    # 2. The same, but the client just stops sending (the server's 15 s socket time-out decides).
    out.append(Probe("slow-bodies", "case opening stalled after the whole object (declared 200 more)", "POST",
                     "/api/v1/cases", login=m, content_type="application/json", body=whole,
                     content_length=str(len(whole) + 200), must={400}, closing_ok=True, timeout=25,
                     slow={"how": "stall"}))
    out.append(Probe("slow-bodies", "document stalled half-way", "POST",
                     "/api/v1/cases/%d/documents?kind=draft&name=stalled.txt" % w.lcspr_id, login=m,
                     content_type="text/plain", body=doc, content_length=str(len(doc) * 2), must={400},
                     closing_ok=True, timeout=25, slow={"how": "stall"}))
    # 3. A body a byte at a time (it is all there in the end; refused for its missing CSRF token).
    out.append(Probe("slow-bodies", "case opening a few bytes every 0.2 s, no CSRF token", "POST", "/api/v1/cases",
                     login=m, csrf=None, content_type="application/json", body=whole, must={403},
                     must_code={"CSRF_TOKEN_INVALID"}, timeout=25, slow={"how": "trickle", "pieces": 12,
                                                                          "pause": 0.2}))
    out.append(Probe("slow-bodies", "headers a line every 0.2 s, then a forged session", "GET", "/api/v1/users",
                     cookie="casereview_session=forged", expect="read", must={401}, timeout=25,
                     slow={"how": "trickle-head", "pause": 0.2}))
    chunked = b"%x\r\n" % len(area) + area + b"\r\n"
    out.append(Probe("slow-bodies", "area in chunks, the last chunk never sent, then half-closed", "POST",
                     "/api/v1/partnership/areas", login=admin, content_type="application/json", body=chunked,
                     content_length=None, headers=[("Transfer-Encoding", "chunked")], half_close=True,
                     must={400}, closing_ok=True, timeout=25))
    # 4. Declared over the limit, and the client waits for the answer before sending more.
    out.append(Probe("slow-bodies", "declared 1 TB, then the client waits for the answer", "POST",
                     "/api/v1/partnership/areas", login=admin, content_type="application/json", body=b"{",
                     content_length=str(10 ** 12), must={413}, must_code={"BODY_TOO_LARGE"}, timeout=25,
                     slow={"how": "wait"}))
    # 5. A POST without Content-Length or chunking: HTTP/1.1 says it has no body.
    for target, login in (("/api/v1/partnership/areas", admin), ("/api/v1/session", None),
                          ("/api/v1/audit/checkpoints", w.logins["auditor"])):
        out.append(Probe("slow-bodies", "POST without a length (no body)", "POST", target, login=login,
                         content_type="application/json", body=None, content_length=None,
                         must={400, 401, 403}, timeout=25, slow={"how": "no-length"}))
    return out


def run_slow(probe, port):
    """Sends a slow probe (on its own thread) and reads its answer."""
    data = probe.data()
    started = time.monotonic()
    deadline = started + (probe.timeout or 25)
    answer = Answer()
    try:
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
    except OSError as e:
        answer.error = "cannot connect: %s" % e
        return answer
    how = (probe.slow or {}).get("how")
    try:
        if how == "trickle":
            head, body = data.split(b"\r\n\r\n", 1)
            sock.sendall(head + b"\r\n\r\n")
            pieces = probe.slow["pieces"]
            size = max(1, len(body) // pieces + 1)
            for i in range(0, len(body), size):
                time.sleep(probe.slow["pause"])
                sock.sendall(body[i:i + size])
        elif how == "trickle-head":
            for line in data.split(b"\r\n"):
                sock.sendall(line + b"\r\n")
                time.sleep(probe.slow["pause"])
        else:
            sock.sendall(data)
            if probe.half_close:
                sock.shutdown(socket.SHUT_WR)
        answer = _recv_answer(sock, probe.method, deadline)
    except OSError as e:
        answer.error = "connection closed without an answer (%s)" % e
    finally:
        sock.close()
    answer.seconds = time.monotonic() - started
    return answer


# --------------------------------------------------------------------------------------
# Setting up the world


def build_world(args, client, one_time_password):
    w = World()
    w.today = args.today
    w.api = Api(load_json(OPENAPI_FILE))
    w.max_document = None
    w.shipped_feed = load_json(SHIPPED_FEED)
    w.matrix = access_matrix()
    w.matrix_rows = {}
    for method, path, note, cells in w.matrix:
        pattern = w.api.best_pattern(path)
        if pattern and (method, pattern) not in w.matrix_rows:
            w.matrix_rows[(method, pattern)] = cells

    logins = {}
    for role, username in DEMO_LOGINS.items():
        logins[role] = client.sign_in(role, username, DEMO_PASSWORD)
    logins["manager_b"] = client.sign_in("manager_b", "demo.manager", DEMO_PASSWORD)
    logins["other_manager"] = client.sign_in("other_manager", "other.manager", EXTRA_PASSWORD)
    logins["other_admin"] = client.sign_in("other_admin", "other.admin", EXTRA_PASSWORD)
    logins["must_change"] = client.sign_in("must_change", "hostile.fresh", one_time_password)
    w.logins = logins
    replay = {}
    # Signed out.
    replay["signed_out"] = client.sign_in("signed_out", "demo.panel", DEMO_PASSWORD)
    client.ok("DELETE", "/api/v1/session", replay["signed_out"])
    # Expired: its absolute limit moved into the past, as the api tests do.
    replay["expired"] = client.sign_in("expired", "demo.scrutineer", DEMO_PASSWORD)
    con = sqlite3.connect(args.db, timeout=30)
    with con:
        n = con.execute("UPDATE sessions SET expires_at = '2000-01-01T00:00:00Z' WHERE token_hash = ?",
                        (hashlib.sha256(replay["expired"].token.encode()).hexdigest(),)).rowcount
    con.close()
    if n != 1:
        raise SetupError("could not find the session to expire (%d rows)" % n)
    # Suspended by the administrator.
    replay["suspended"] = client.sign_in("suspended", "hostile.suspended", EXTRA_PASSWORD)
    users = client.ok("GET", "/api/v1/users", logins["administrator"])["users"]
    by_name = {u["username"]: u["id"] for u in users}
    client.ok("PUT", "/api/v1/users/%d/active" % by_name["hostile.suspended"], logins["administrator"],
              {"active": False})
    # Password reset with the command line while serving.
    replay["reset"] = client.sign_in("reset", "hostile.reset", EXTRA_PASSWORD)
    run_cli(args.bin, ["user", "reset", "hostile.reset", "--password-stdin", "--db", args.db], args.today,
            stdin_text=EXTRA_PASSWORD + "\n")
    w.replay = replay
    w.victim_user_id = by_name["demo.scrutineer"]

    # What the demonstration holds.
    manager = logins["manager"]
    cases = client.ok("GET", "/api/v1/cases?limit=500", manager)["cases"]
    w.versions = {}
    w.cases = {}
    for c in cases:
        detail = client.ok("GET", "/api/v1/cases/%d" % c["id"], manager)
        w.versions[c["id"]] = detail["version"]
        w.cases[c["id"]] = detail
    session = client.ok("GET", "/api/v1/session", logins["independent_reviewer"])
    w.lcspr_id = session["cases"][0]["id"]
    lcspr_owner = w.cases[w.lcspr_id].get("owner")
    w.lcspr_owner = lcspr_owner["username"] if lcspr_owner else None
    w.notification_id = next(c["id"] for c in cases if c["kind"] == "serious_incident_notification")
    # a case whose child's identity the manager reads (each read is logged with its reason)
    w.identity_case_id = next((cid for cid, d in sorted(w.cases.items()) if d.get("subject")), w.notification_id)
    inbox = client.ok("GET", "/api/v1/inbox", logins["agency_contributor"])
    w.agency_case_id = _first_case_id(inbox) or w.notification_id
    reviewers = client.ok("GET", "/api/v1/reviewers", manager)["reviewers"]
    w.reviewer_id = reviewers[0]["id"]
    factors = client.ok("GET", "/api/v1/vocabularies/factors", manager)
    w.factor_code = _codes(factors)[0]
    themes = client.ok("GET", "/api/v1/vocabularies/themes", manager)
    w.theme_code = _codes(themes)[0]
    rules = client.ok("GET", "/api/v1/deadline-rules", manager)
    rules = rules.get("rules", rules)
    w.preview_rules = sorted({r["id"] for r in rules})
    changeable = [r for r in rules if (r.get("changeable") or {}).get("amount")]
    w.rule_id = changeable[0]["id"]
    terms = changeable[0].get("terms") or {}
    w.rule_amount = max(1, int(terms.get("amount", 2)) - 1)
    anchor_rules = [r for r in rules if (r.get("changeable") or {}).get("anchor")]
    w.anchor_rule_id = anchor_rules[0]["id"] if anchor_rules else w.rule_id
    areas = client.ok("GET", "/api/v1/partnership/areas", manager)
    AREA[0] = sorted(areas.get("local_authorities") or AREA)[0]
    doc_types = client.ok("GET", "/api/v1/document-types", manager)
    w.max_document = int(doc_types["max_bytes"])
    columns = client.ok("GET", "/api/v1/imports/safeguarding/columns", manager)["columns"]
    w.import_columns = [c["name"] for c in columns]
    valid_row = {"reference": "HOSTILE-1", "became_aware_on": w.today, "harm": "serious_harm",
                 "abuse_or_neglect": "suspected", "location": "in_area", "local_authority": AREA[0],
                 "summary": "Hostile corpus import row"}
    w.valid_import_csv = (",".join(w.import_columns) + "\r\n" +
                          ",".join(valid_row.get(c, "") for c in w.import_columns) + "\r\n").encode()

    # The command schemas the server adds to the document it serves.
    served = client.ok("GET", "/api/v1/openapi.json")
    if set(served["paths"]) != set(w.api.document["paths"]):
        raise SetupError("the served OpenAPI document names other paths than web/openapi.json")
    w.commands = collections.defaultdict(dict)
    for name, schema in served["components"]["schemas"].items():
        if name.startswith("commands."):
            _, kind, command = name.split(".", 2)
            w.commands[kind][command] = schema
    # The opening command of each kind, and the kinds opened only through their parent.
    w.openings = []
    w.child_kinds = []
    for kind, commands in sorted(w.commands.items()):
        for c in sorted(commands):
            if not (c.startswith("open_") or c == "notify_death"):
                continue
            # without facts: a kind of its own is refused for them (400), a linked kind as such (422)
            answer = client.call("POST", "/api/v1/cases", manager, {"kind": kind, "facts": {}})
            if answer.status == 422:
                w.child_kinds.append(kind)
            elif answer.status != 400:
                raise SetupError("opening a %s without facts: %s" % (kind, answer.brief()))
            w.openings.append((kind, c, commands[c]))

    # Another partnership: its case, document, reviewer and user, made before the tables are dumped.
    om = logins["other_manager"]
    opened = client.ok("POST", "/api/v1/cases", om,
                       {"kind": "serious_incident_notification",
                        "facts": {"became_aware_on": w.today, "harm": "serious_harm", "abuse_or_neglect": "suspected",
                                  "location": "in_area", "local_authority": "Other Borough Council",
                                  "summary": "Another partnership's case", "given_name": "Otherchild",
                                  "family_name": "Otherfamily"}},
                       want=(201,))
    other_case = opened["id"]
    doc = client.call("POST", "/api/v1/cases/%d/documents?kind=other&name=other.txt" % other_case, om,
                      b"Another partnership's document\n", content_type="text/plain")
    if doc.status != 201:
        raise SetupError("could not attach the other partnership's document: " + doc.brief())
    other_doc = doc.json()
    other_reviewer = client.ok("POST", "/api/v1/reviewers", om,
                               {"name": "Other Reviewer", "organisation": "Elsewhere", "national_pool": False},
                               want=(201,))
    other_users = client.ok("GET", "/api/v1/users", logins["other_admin"])["users"]
    other_detail = client.ok("GET", "/api/v1/cases/%d" % other_case, om)
    other_cmd = other_detail["allowed_commands"][0]
    w.other = {
        "case_id": other_case, "version": other_detail["version"], "command": other_cmd["name"],
        "facts": _facts_from_fields(other_cmd["fields"], w.today),
        "document_id": _id_of(other_doc), "reviewer_id": _id_of(other_reviewer),
        "user_id": next(u["id"] for u in other_users if u["username"] == "other.manager"),
    }
    w.other_ids = {"id": other_case, "token": hashlib.sha256(b"never made").hexdigest(), "code": "other.code"}
    # A document in this partnership: a draft on the reviewer's review.
    d = client.call("POST", "/api/v1/cases/%d/documents?kind=draft&name=draft.txt" % w.lcspr_id, manager,
                    b"A draft the corpus must not be able to read where it should not\n", content_type="text/plain")
    if d.status != 201:
        raise SetupError("could not attach the draft: " + d.brief())
    w.document_id = _id_of(d.json())
    w.versions[w.lcspr_id] = client.ok("GET", "/api/v1/cases/%d" % w.lcspr_id, manager)["version"]
    w.cases[w.lcspr_id] = client.ok("GET", "/api/v1/cases/%d" % w.lcspr_id, manager)

    def fill(pattern, override=None):
        values = {"id": str(w.notification_id), "vocabulary": "factors", "code": w.factor_code,
                  "sheet": "safeguarding", "dataset": "cases", "token": hashlib.sha256(b"never made").hexdigest(),
                  "kind": "serious_incident_notification"}
        if pattern.startswith("/api/v1/reviewers/"):
            values["id"] = str(w.reviewer_id)
        if pattern.startswith("/api/v1/documents/"):
            values["id"] = str(w.document_id)
        if pattern.startswith("/api/v1/users/"):
            values["id"] = str(w.victim_user_id)
        if pattern.startswith("/api/v1/deadline-rules/"):
            values["id"] = w.rule_id
        if pattern.startswith("/api/v1/cases/{id}/documents"):
            values["id"] = str(w.lcspr_id)
        values.update(override or {})
        return re.sub(r"\{(\w+)\}", lambda mm: values[mm.group(1)], pattern)

    w.fill = fill

    def allowed_command(case_id):
        detail = w.cases[case_id]
        cmd = detail["allowed_commands"][0]
        return cmd["name"], _facts_from_fields(cmd["fields"], w.today)

    w.allowed_command = allowed_command

    def command_for(login):
        # a step the login's role may take now, where the matrix expects one
        if login is not None and login.role == "agency_contributor":
            detail = w.cases.get(w.agency_case_id)
            for cmd in (detail or {}).get("allowed_commands", []):
                if cmd["name"] == "record_agency_return":
                    return w.agency_case_id, cmd["name"], _facts_from_fields(cmd["fields"], w.today)
        name, facts = allowed_command(w.lcspr_id)
        return w.lcspr_id, name, facts

    w.command_for = command_for

    def case_for(kind, command):
        """A case of `kind` on which the manager may take `command` now, else any case of that kind."""
        fallback = None
        for cid, detail in sorted(w.cases.items()):
            if detail["kind"] != kind:
                continue
            fallback = fallback or cid
            if any(c["name"] == command for c in detail.get("allowed_commands", [])):
                return cid, True
        return fallback or w.notification_id, False

    w.case_for = case_for

    def matrix_request(method, pattern, note, login):
        if pattern == "/api/v1/cases/{id}" or pattern.startswith("/api/v1/cases/{id}/"):
            if "another partnership" in note:
                cid = w.other["case_id"]
            elif "notification" in note:
                cid = w.notification_id
            elif "asking the agency" in note or "for the agency" in note:
                cid = w.agency_case_id
            else:
                cid = w.lcspr_id
            if method == "POST" and pattern.endswith("/commands"):
                if "another partnership" in note:
                    return ("/api/v1/cases/%d/commands" % cid, "application/json",
                            {"command": w.other["command"], "expected_version": w.other["version"],
                             "facts": w.other["facts"]})
                wanted = "record_draft" if "record_draft" in note else (
                    "record_agency_return" if "record_agency_return" in note else None)
                detail = w.cases[cid]
                cmd = next((c for c in detail["allowed_commands"] if c["name"] == wanted),
                           detail["allowed_commands"][0])
                return ("/api/v1/cases/%d/commands" % cid, "application/json",
                        {"command": cmd["name"], "expected_version": w.versions[cid],
                         "facts": _facts_from_fields(cmd["fields"], w.today)})
            if method == "POST" and pattern.endswith("/documents"):
                return ("/api/v1/cases/%d/documents?kind=draft&name=hostile.txt" % cid, "text/plain",
                        b"Hostile corpus document: must never be stored.\n")
            if method == "PUT" and pattern.endswith("/owner"):
                # The owner the case has (another partnership's case is not found first).
                owner = (w.cases.get(cid) or {}).get("owner")
                return ("/api/v1/cases/%d/owner" % cid, "application/json",
                        {"owner": owner["username"] if owner else None})
            return (re.sub(r"\{id\}", str(cid), pattern), None, None)
        if pattern == "/api/v1/documents/{id}":
            return ("/api/v1/documents/%d" % w.document_id, None, None)
        if pattern == "/api/v1/imports/{sheet}" and method == "POST":
            return ("/api/v1/imports/safeguarding?dry_run=true&file_name=hostile.csv", "text/csv",
                    w.valid_import_csv)
        return body_for(w, method, pattern, login)

    w.matrix_request = matrix_request
    return w


def _first_case_id(inbox):
    def walk(v):
        if isinstance(v, dict):
            for k in ("case_id",):
                if isinstance(v.get(k), int):
                    return v[k]
            for x in v.values():
                r = walk(x)
                if r:
                    return r
        if isinstance(v, list):
            for x in v:
                r = walk(x)
                if r:
                    return r
        return None

    return walk(inbox)


def _codes(doc):
    items = doc.get("codes") or doc.get("factors") or doc.get("themes") or doc.get("vocabulary") or []
    if isinstance(doc, dict) and not items:
        for v in doc.values():
            if isinstance(v, list) and v and isinstance(v[0], dict) and "code" in v[0]:
                items = v
                break
    return [i["code"] for i in items]


def _id_of(doc):
    if isinstance(doc, dict):
        if isinstance(doc.get("id"), int):
            return doc["id"]
        for v in doc.values():
            if isinstance(v, dict) and isinstance(v.get("id"), int):
                return v["id"]
    raise SetupError("no id in %r" % (doc,))


def _facts_from_fields(fields, today):
    facts = {}
    for f in fields:
        if not f.get("required"):
            continue
        t = f.get("type")
        if t == "date":
            facts[f["name"]] = today
        elif t == "time":
            facts[f["name"]] = "10:00"
        elif t == "choice":
            facts[f["name"]] = f["choices"][0]
        elif t == "text_list":
            facts[f["name"]] = [f["choices"][0]] if f.get("choices") else ["Police"]
        elif t == "boolean":
            facts[f["name"]] = False
        elif t == "integer":
            facts[f["name"]] = 1
        else:
            facts[f["name"]] = "Hostile corpus text"
    return facts


def prepare_database(args):
    """The demonstration data, a second partnership and the extra accounts, all with the command line."""
    cli = lambda a, stdin=None: run_cli(args.bin, a + ["--db", args.db], args.today, stdin_text=stdin)
    cli(["demo", "load", "--today", args.today])
    cli(["partnership", "add", "other", "--display-name", "Other partnership (hostile corpus)"])
    pw = EXTRA_PASSWORD + "\n"
    cli(["user", "add", "other.manager", "--role", "manager", "--partnership", "other", "--password-stdin"], pw)
    cli(["user", "add", "other.admin", "--role", "administrator", "--partnership", "other", "--password-stdin"], pw)
    cli(["user", "add", "hostile.suspended", "--role", "manager", "--partnership", "default", "--password-stdin"], pw)
    cli(["user", "add", "hostile.reset", "--role", "scrutineer", "--partnership", "default", "--password-stdin"], pw)
    cli(["user", "add", "hostile.signin", "--role", "panel_member", "--partnership", "default",
         "--password-stdin"], pw)
    out = cli(["user", "add", "hostile.fresh", "--role", "manager", "--partnership", "default"]).stdout.decode()
    m = re.search(r"one-time password[^:]*:\s*(\S+)", out)
    if not m:
        raise SetupError("no one-time password in: %r" % out)
    return m.group(1)


# --------------------------------------------------------------------------------------
# Running it


class Runner:
    def __init__(self, args, server, api, catalogue, world):
        self.args, self.server, self.api, self.catalogue, self.w = args, server, api, catalogue, world
        self.sent = 0
        self.by_status = collections.Counter()
        self.by_category = collections.Counter()
        self.failures = []  # (probe description, answer, problems)
        self.crashes = 0
        self.restarts = 0
        self.busy_retries = 0
        self.slow_threads = []
        self.crashed_during_slow = False
        self.record_file = open(args.record, "w", encoding="utf-8", errors="backslashreplace") if args.record else None

    def wait_for_slow(self):
        for t in self.slow_threads:
            t.join(timeout=120)
        self.slow_threads = []

    def record(self, probe, answer, problems):
        if self.record_file:
            doc = answer.json() if answer.status and answer.status >= 400 else None
            code = doc.get("code") if isinstance(doc, dict) else ""
            self.record_file.write("%s %s %s | %s\n" % ("FAIL" if problems else "ok", answer.status or answer.error,
                                                        code, probe.describe()[:400]))
        self.sent += 1
        self.by_category[probe.category] += 1
        self.by_status[answer.status if answer.status is not None else "no answer"] += 1
        if problems:
            self.failures.append((probe, answer, problems))

    def run(self, probe):
        for attempt in range(4):
            answer = exchange(self.server.port, probe.data(), probe.method,
                              probe.timeout or self.args.request_timeout, half_close=probe.half_close)
            # A connection refused at the door because this address has too many open (the slow
            # probes hold some) was not served at all: it is sent again once the server says.
            doc = answer.json() if answer.status == 503 else None
            if attempt < 3 and isinstance(doc, dict) and doc.get("code") == "SERVER_BUSY":
                self.busy_retries += 1
                try:
                    wait = float(answer.headers.get("retry-after", "1"))
                except ValueError:
                    wait = 1.0
                time.sleep(min(max(wait, 0.2), 3.0))
                continue
            break
        problems = judge(self.api, self.catalogue, probe, answer)
        if answer.error and not (probe.closing_ok and "closed" in (answer.error or "")):
            problems += self.after_silence(timed_out="timed out" in answer.error)
        elif answer.status and answer.status < 300 and probe.track is not None:
            # a step was taken (a failure already): follow the case's version
            doc = answer.json() or {}
            if isinstance(doc.get("version"), int):
                self.w.versions[probe.track] = doc["version"]
        self.record(probe, answer, problems)
        return answer

    def after_silence(self, timed_out=True):
        """After a request went unanswered: did the server die, or is it stuck? Restarted if so."""
        notes = []
        try:
            self.server.proc.wait(timeout=1)
        except subprocess.TimeoutExpired:
            pass
        if not self.server.alive():
            self.crashes += 1
            if any(t.is_alive() for t in self.slow_threads):
                self.crashed_during_slow = True
            code = self.server.proc.returncode
            how = ("killed by %s" % signal.Signals(-code).name) if code < 0 else "exit %d" % code
            notes.append("the server died (%s); its last log lines:\n%s" % (how, self.server.log_tail(6)))
        else:
            health = exchange(self.server.port, request_bytes("GET", "/api/v1/health", [], None), "GET", 5)
            if health.error or health.status != 200:
                notes.append("the server no longer answers /api/v1/health (%s)" % health.brief())
            elif timed_out:
                notes.append("the server still answers /api/v1/health: a request thread is stuck (the server "
                             "is restarted to free it)")
            else:
                notes.append("the server closed the connection without an answer (it still answers "
                             "/api/v1/health)")
                return notes
        self.restart()
        return notes

    def restart(self):
        self.wait_for_slow()  # a stuck thread keeps spinning until the slow probes have their answers
        self.server.stop()
        self.server.start()
        self.restarts += 1


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", default=os.environ.get("CASEREVIEW_BIN"), help="the casereview binary")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    parser.add_argument("--only", action="append", choices=CATEGORY_NAMES, metavar="CATEGORY",
                        help="run only this category (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the categories and exit")
    parser.add_argument("--request-timeout", type=float, default=8.0,
                        help="seconds to wait for each answer before counting it as unanswered (default 8)")
    parser.add_argument("--verbose", action="store_true", help="print every failure in full")
    parser.add_argument("--record", metavar="FILE", help="write every request with its answer's status and code")
    args = parser.parse_args()
    if args.list:
        for name, what in CATEGORIES:
            print("%-16s %s" % (name, what))
        return 0
    if not args.bin or not os.access(args.bin, os.X_OK):
        print("hostile_corpus: give the casereview binary with --bin or CASEREVIEW_BIN", file=sys.stderr)
        return 2
    args.bin = os.path.abspath(args.bin)
    args.today = os.environ.get("CASEREVIEW_TEST_TODAY") or DEFAULT_TODAY
    categories = args.only or CATEGORY_NAMES
    started = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="casereview-hostile-")
    args.db = os.path.join(tmp, "casereview.db")
    server = Server(args.bin, args.db, args.today, os.path.join(tmp, "serve.log"))
    api = Api(load_json(OPENAPI_FILE))
    catalogue = problem_catalogue()
    status = 2
    try:
        one_time = prepare_database(args)
        server.start()
        client = Client(server, 30)
        world = build_world(args, client, one_time)
        # The server signs the chain heads when it starts; wait for that before the dump.
        deadline = time.monotonic() + 20
        while "CHECKPOINT_SIGNED" not in server.log_text() and time.monotonic() < deadline:
            time.sleep(0.05)
        before = dump_tables(args.db)

        generators = {
            "odd-methods": gen_odd_methods, "sessions": gen_sessions, "csrf": gen_csrf, "roles": gen_roles,
            "password-change": gen_password_change, "content-types": gen_content_types, "oversize": gen_oversize,
            "path-ids": gen_path_ids, "query": gen_query, "dates": gen_dates, "bodies": gen_bodies,
            "json": gen_json, "commands": gen_commands, "openings": gen_openings, "documents": gen_documents,
            "imports": gen_imports, "sign-in": gen_sign_in, "protocol": gen_protocol,
        }
        probes = []
        for name in CATEGORY_NAMES:
            if name in generators:
                probes += generators[name](world)
        # generators may file a probe under another category (an extreme date among the commands' facts)
        probes = [p for p in probes if p.category in categories]
        # sign-in failures throttle the address: send them last
        probes.sort(key=lambda p: p.category == "sign-in")
        runner = Runner(args, server, api, catalogue, world)

        # Slow bodies beside the rest, SLOW_WORKERS at a time (with the one connection of the rest, fewer
        # than the server lets one address open): each waits at most its bounded time (the server's
        # 15 s socket time-out ends the stalled ones). A server that is stuck is restarted only once
        # they are done (Runner.after_silence).
        slow, results = [], []
        if "slow-bodies" in categories:
            slow = gen_slow(world)
            results = [None] * len(slow)
            queue = list(enumerate(slow))
            lock = threading.Lock()

            def work():
                while True:
                    with lock:
                        if not queue:
                            return
                        i, p = queue.pop(0)
                    results[i] = run_slow(p, server.port)

            runner.slow_threads = [threading.Thread(target=work, daemon=True) for _ in range(SLOW_WORKERS)]
            for t in runner.slow_threads:
                t.start()

        for probe in probes:
            runner.run(probe)

        runner.wait_for_slow()
        for probe, answer in zip(slow, results):
            if answer is None:
                answer = Answer()
                answer.error = "the probe's thread did not finish"
            problems = judge(api, catalogue, probe, answer)
            if problems and runner.crashed_during_slow:
                problems.append("(the server crashed while this request was in flight: see the crash above)")
            runner.record(probe, answer, problems)

        # Still alive, still answering?
        alive_problems = []
        health = exchange(server.port, request_bytes("GET", "/api/v1/health", [], None), "GET", 10)
        if not server.alive() or health.status != 200:
            alive_problems.append("the server does not answer /api/v1/health at the end: %s" % health.brief())
        after = dump_tables(args.db)
        changes = compare_dumps(before, after)
        log = server.log_text()
        internal = [line for line in log.splitlines() if " INTERNAL_ERROR " in line]
        code = server.stop()
        if code not in (0, None):
            alive_problems.append("the server exited %s when stopped" % code)

        elapsed = time.monotonic() - started
        report(runner, changes, alive_problems, internal, before, elapsed, args, tmp)
        status = 1 if (runner.failures or changes or alive_problems) else 0
        return status
    except SetupError as e:
        print("hostile_corpus: setup failed: %s" % e, file=sys.stderr)
        print(server.log_tail(), file=sys.stderr)
        return 2
    finally:
        server.stop()
        if args.keep or status == 2:
            print("kept %s" % tmp)
        else:
            shutil.rmtree(tmp, ignore_errors=True)


def failure_text(probe, answer, problems, limit):
    """A failure as printed: the exact request, the answer, what is wrong (continuation lines indented)."""
    def indented(text):
        return text.replace("\r", "\\r").replace("\n", "\n      ")
    lines = ["- " + indented(probe.describe()), "    answer: " + indented(answer.brief()[:limit])]
    lines += ["    problem: " + indented(p) for p in problems]
    return "\n".join(lines) + "\n"


def report(runner, changes, alive_problems, internal, before, elapsed, args, tmp):
    print("hostile corpus: %d requests (today %s, %s)" % (runner.sent, args.today, os.path.basename(args.bin)))
    print("by category:")
    for name in CATEGORY_NAMES:
        if runner.by_category[name]:
            print("  %-16s %6d" % (name, runner.by_category[name]))
    print("by status:")
    for s, n in sorted(runner.by_status.items(), key=lambda kv: str(kv[0])):
        print("  %-16s %6d" % (s, n))
    compared = sorted(t for t in before if t not in EXCLUDED_TABLES)
    print("tables compared before and after (%d): %s" % (len(compared), ", ".join(compared)))
    for t, why in sorted(EXCLUDED_TABLES.items()):
        print("  checked apart: %s (%s)" % (t, why))
    print("server restarts after a crash or a stuck request: %d (crashes: %d)" % (runner.restarts, runner.crashes))
    if runner.busy_retries:
        print("requests sent again after 503 SERVER_BUSY (too many connections from this address): %d" %
              runner.busy_retries)
    if internal:
        print("INTERNAL_ERROR lines in the server log: %d" % len(internal))
        for line in internal[:10]:
            print("  " + line[:300])
    if runner.failures:
        print("FAILURES: %d requests" % len(runner.failures))
        by_kind = collections.Counter()
        for probe, answer, problems in runner.failures:
            what = re.split(r": b'|: b\"| \(Content-Type", problems[0].splitlines()[0])[0]
            by_kind[(probe.category, re.sub(r"after \d+\.\d+ s", "after N s", what)[:110])] += 1
        for (cat, what), n in sorted(by_kind.items()):
            print("  %5d  %-16s %s" % (n, cat, what))
        shown = runner.failures if args.verbose else runner.failures[:200]
        for probe, answer, problems in shown:
            print(failure_text(probe, answer, problems, 500), end="")
        if len(shown) < len(runner.failures):
            print("  ... %d more (--verbose prints all)" % (len(runner.failures) - len(shown)))
        if args.keep:
            path = os.path.join(tmp, "failures.txt")
            with open(path, "w", encoding="utf-8", errors="backslashreplace") as f:
                for probe, answer, problems in runner.failures:
                    f.write(failure_text(probe, answer, problems, 4000))
            print("every failure: %s" % path)
    if changes:
        print("TABLES CHANGED:")
        for c in changes:
            print("  " + c)
    for p in alive_problems:
        print("SERVER: " + p)
    ok = not (runner.failures or changes or alive_problems)
    print("%s in %.1f s" % ("PASSED" if ok else "FAILED", elapsed))


if __name__ == "__main__":
    sys.exit(main())
