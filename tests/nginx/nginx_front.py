#!/usr/bin/python3
"""Debian's nginx in front of casereview, with the repository's recipe.

Starts `casereview serve` on the demonstration data (a fresh database, a fixed
today) on a free loopback port with the options web/deploy/nginx/README.md
gives, makes a throwaway certificate authority and a certificate for
casereview.example.org with `openssl`, and runs nginx as the current user on
loopback with web/deploy/nginx/casereview.conf itself: the file is copied into
a temporary directory with only its ports, the upstream's port, the
certificate and log paths and (to keep the run short) client_header_timeout
substituted, each substitution required to match exactly, inside an http block
that sets what Debian's /etc/nginx/nginx.conf sets (TLS 1.0 and 1.1 allowed,
gzip on), so that the recipe is checked in the context it is installed in.

Through nginx, over TLS verified against the temporary authority, it checks
(and exits 1 otherwise):
  - TLS 1.2 and 1.3 are served, TLS 1.1 is not, HTTP/2 is offered;
  - /api/v1/health answers casereview's JSON (its fixed today), with
    casereview's security headers once each and Strict-Transport-Security
    added once, and no nginx version;
  - plain HTTP answers only a redirect to https://casereview.example.org and
    forwards nothing to casereview;
  - the demonstration manager signs in; the session cookie is HttpOnly,
    SameSite=Strict and Secure; the session, the CSRF check and signing out
    work through the proxy, and nothing is answered from a cache;
  - client_max_body_size is the document limit casereview reports: a document
    of exactly that size is attached and downloads unchanged, one byte more is
    answered 413 BODY_TOO_LARGE by nginx and never reaches casereview;
  - one address with more requests in progress than limit_conn allows gets
    503 SERVER_BUSY for the excess (the others are served once their bodies
    arrive) while another address is served; sign-ins beyond the sign-in
    burst from one address get 429 TOO_MANY_ATTEMPTS, other methods and other
    addresses do not;
  - a client sending its request head a line a second is cut off by nginx's
    client_header_timeout, and casereview never sees the request; the
    recipe's timeout is casereview's --request-timeout (README);
  - nginx's access log has the client's own address, and never a calendar
    address's secret; casereview's log names the client's address too, from
    X-Forwarded-For (--trusted-proxy), and never the calendar secret;
  - nginx's error logs have nothing at [crit] or worse; both processes stop.
No check is on a duration. The sign-in limit is a rate (10 a minute after a
burst of 10): its check sends 20 more than the burst, which would pass only if
those requests took over two minutes.

usage: nginx_front.py [--bin PATH] [--nginx PATH] [--keep]
Exit status 0 when every check passed, 1 when one failed, 2 when the run could
not be set up (nginx or openssl not installed: `.ci/install-deps` installs both).
"""

import argparse
import ctypes
import hashlib
import http.client
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import warnings

HERE = os.path.dirname(os.path.abspath(__file__))
SOURCE = os.path.dirname(os.path.dirname(HERE))
RECIPE = os.path.join(SOURCE, "web", "deploy", "nginx", "casereview.conf")
MAIN_README = os.path.join(SOURCE, "README.md")

SERVER_NAME = "casereview.example.org"
DEMO_PASSWORD = "demonstration only 2026"
DEFAULT_TODAY = "2022-09-16"
HEADER_TIMEOUT_S = 3  # client_header_timeout in this run (the recipe's is casereview's --request-timeout)
# The options web/deploy/nginx/README.md runs casereview with (the port is free).
RECIPE_SERVE_OPTIONS = ["--bind", "127.0.0.1", "--max-connections-per-address", "80",
                        "--trusted-proxy", "127.0.0.1", "--public-url", "https://" + SERVER_NAME]
START_TIMEOUT_S = 30


class SetupError(Exception):
    pass


# --------------------------------------------------------------------------------------
# Processes


def _die_with_parent():
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def child_environment(today):
    env = {k: v for k, v in os.environ.items() if not k.startswith("CASEREVIEW_")}
    env["CASEREVIEW_TODAY"] = today
    return env


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def stop_process(proc, sig=signal.SIGTERM, wait_s=15):
    """Signals `proc` and waits; kills it if it has not exited. Its exit code (None if killed)."""
    if proc is None:
        return None
    if proc.poll() is not None:
        return proc.returncode
    proc.send_signal(sig)
    try:
        return proc.wait(timeout=wait_s)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
        return None


class Casereview:
    def __init__(self, binary, work, today):
        self.binary, self.today = binary, today
        self.db = os.path.join(work, "casereview.db")
        self.out_path = os.path.join(work, "serve.out")
        self.log_path = os.path.join(work, "serve.log")
        self.proc = None
        self.port = None

    def database_options(self):
        """Where the database is, as every command is told."""
        return ["--db", self.db]

    def serve_options(self):
        """What `serve` is given beside the database, its port and its today."""
        return RECIPE_SERVE_OPTIONS

    def cli(self, args):
        """Runs a command on the database; returns what it printed."""
        result = subprocess.run([self.binary] + args + self.database_options(), stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=child_environment(self.today), timeout=120)
        if result.returncode != 0:
            raise SetupError("casereview %s exited %d: %s" % (" ".join(args), result.returncode,
                                                              result.stderr.decode(errors="replace")))
        return result.stdout.decode(errors="replace")

    def start(self):
        with open(self.out_path, "wb") as out, open(self.log_path, "wb") as log:
            self.proc = subprocess.Popen(
                [self.binary, "serve"] + self.database_options() + ["--port", "0", "--today", self.today]
                + self.serve_options(),
                stdin=subprocess.DEVNULL, stdout=out, stderr=log, env=child_environment(self.today),
                preexec_fn=_die_with_parent)
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            with open(self.out_path, encoding="utf-8", errors="replace") as f:
                m = re.search(r"://127\.0\.0\.1:(\d+)/", f.read())
            if m:
                self.port = int(m.group(1))
                return
            if self.proc.poll() is not None:
                raise SetupError("casereview serve exited %s:\n%s" % (self.proc.returncode, self.log()[-2000:]))
            time.sleep(0.05)
        raise SetupError("casereview serve did not start within %d s" % START_TIMEOUT_S)

    def log(self):
        try:
            with open(self.log_path, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def stop(self):
        code = stop_process(self.proc)
        self.proc = None
        return code


def make_certificates(openssl, tls_dir):
    """A throwaway authority and a certificate for SERVER_NAME signed by it (valid two days from now)."""
    os.makedirs(tls_dir, mode=0o700)
    ca_key, ca_cert = os.path.join(tls_dir, "ca.key"), os.path.join(tls_dir, "ca.pem")
    key, csr, cert = (os.path.join(tls_dir, n) for n in ("privkey.pem", "server.csr", "fullchain.pem"))
    ext = os.path.join(tls_dir, "server.ext")
    with open(ext, "w") as f:
        f.write("basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\n"
                "extendedKeyUsage=serverAuth\nsubjectAltName=DNS:%s\n" % SERVER_NAME)
    ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
    steps = [
        ["req", "-x509", *ec, "-keyout", ca_key, "-out", ca_cert, "-days", "2", "-subj", "/CN=casereview nginx test CA",
         "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign"],
        ["req", "-new", *ec, "-keyout", key, "-out", csr, "-subj", "/CN=" + SERVER_NAME],
        ["x509", "-req", "-in", csr, "-CA", ca_cert, "-CAkey", ca_key, "-CAcreateserial", "-days", "2",
         "-extfile", ext, "-out", cert],
    ]
    for step in steps:
        result = subprocess.run([openssl] + step, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=60)
        if result.returncode != 0:
            raise SetupError("openssl %s: %s" % (step[0], result.stderr.decode(errors="replace")))
    return ca_cert


# --------------------------------------------------------------------------------------
# The recipe, and nginx running it


def recipe_text():
    with open(RECIPE, encoding="utf-8") as f:
        return f.read()


def recipe_values(text):
    """What the checks compare with: the limits as the recipe sets them."""
    def one(pattern, what):
        found = set(re.findall(pattern, text, re.M))
        if len(found) != 1:
            raise SetupError("the recipe should set %s once (or the same everywhere), found %r" % (what, found))
        return found.pop()
    size, unit = one(r"^\s*client_max_body_size (\d+)([kKmMgG]?);", "client_max_body_size")
    return {
        "max_body": int(size) * {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[unit.lower()],
        "limit_conn": int(one(r"^\s*limit_conn casereview_conn (\d+);", "limit_conn casereview_conn")),
        "signin_burst": int(one(r"^\s*limit_req zone=casereview_signin burst=(\d+)", "the sign-in burst")),
        "header_timeout": int(one(r"^\s*client_header_timeout (\d+)s;", "client_header_timeout")),
    }


def readme_default(option):
    """An option's default from the README's configuration table."""
    with open(MAIN_README, encoding="utf-8") as f:
        m = re.search(r"^\| `%s [A-Z]+` \|[^|]*\| `(\d+)` \|" % re.escape(option), f.read(), re.M)
    if not m:
        raise SetupError("README.md's configuration table has no default for " + option)
    return int(m.group(1))


def substitute(text, old, new, count):
    if text.count(old) != count:
        raise SetupError("the recipe should hold %r %d times, not %d: update nginx_front.py's substitutions"
                         % (old, count, text.count(old)))
    return text.replace(old, new)


def templated_recipe(text, http_port, https_port, upstream_port, tls_dir, log_dir):
    """The repository's file with only its addresses, paths and the head timeout changed."""
    text = substitute(text, "listen 80;", "listen 127.0.0.1:%d;" % http_port, 1)
    text = substitute(text, "listen 443 ssl http2;", "listen 127.0.0.1:%d ssl http2;" % https_port, 1)
    text = substitute(text, "server 127.0.0.1:8080;", "server 127.0.0.1:%d;" % upstream_port, 1)
    text = substitute(text, "/etc/ssl/casereview/", tls_dir + "/", 2)
    text = substitute(text, "/var/log/nginx/", log_dir + "/", 5)
    return re.sub(r"(?m)^(\s*client_header_timeout )\d+s;", r"\g<1>%ds;" % HEADER_TIMEOUT_S, text)


MAIN_CONF = """# Generated by tests/nginx/nginx_front.py: one process as the current user,
# everything in {work}.
daemon off;
master_process off;
pid {work}/nginx.pid;
error_log {work}/nginx-error.log info;
events {{
    worker_connections 512;
}}
http {{
    # What Debian's /etc/nginx/nginx.conf sets in its http block, around its
    # include of sites-enabled/*.
    sendfile on;
    tcp_nopush on;
    types_hash_max_size 2048;
    default_type application/octet-stream;
    ssl_protocols TLSv1 TLSv1.1 TLSv1.2 TLSv1.3;
    ssl_prefer_server_ciphers on;
    gzip on;
    access_log {work}/nginx-access.log;
    client_body_temp_path {work}/nginx-body;
    proxy_temp_path {work}/nginx-proxy;
    fastcgi_temp_path {work}/nginx-fastcgi;
    uwsgi_temp_path {work}/nginx-uwsgi;
    scgi_temp_path {work}/nginx-scgi;
    include {work}/casereview.conf;
}}
"""


class Nginx:
    def __init__(self, binary, work, recipe, upstream_port, tls_dir):
        self.binary, self.work, self.recipe = binary, work, recipe
        self.upstream_port, self.tls_dir = upstream_port, tls_dir
        self.conf = os.path.join(work, "nginx.conf")
        self.error_log = os.path.join(work, "nginx-error.log")
        self.access_log = os.path.join(work, "casereview.access.log")
        self.site_error_log = os.path.join(work, "casereview.error.log")
        self.proc = None
        self.http_port = self.https_port = None

    def args(self, *extra):
        return [self.binary, "-p", self.work + "/", "-c", self.conf, "-e", self.error_log, *extra]

    def write(self):
        self.http_port, self.https_port = free_port(), free_port()
        while self.https_port == self.http_port:
            self.https_port = free_port()
        with open(os.path.join(self.work, "casereview.conf"), "w", encoding="utf-8") as f:
            f.write(templated_recipe(self.recipe, self.http_port, self.https_port, self.upstream_port,
                                     self.tls_dir, self.work))
        with open(self.conf, "w", encoding="utf-8") as f:
            f.write(MAIN_CONF.format(work=self.work))

    def check(self):
        """`nginx -t` on the generated configuration: the output when it fails, else None."""
        result = subprocess.run(self.args("-t"), stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT, timeout=60)
        return None if result.returncode == 0 else result.stdout.decode(errors="replace")

    def start(self):
        """Starts nginx on free ports (other ones if a port was taken in between)."""
        for _ in range(5):
            self.write()
            problem = self.check()
            if problem:
                raise SetupError("nginx -t refused the recipe:\n" + problem)
            self.proc = subprocess.Popen(self.args(), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                         stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent)
            deadline = time.monotonic() + START_TIMEOUT_S
            while time.monotonic() < deadline and self.proc.poll() is None:
                if all(self._accepts(p) for p in (self.http_port, self.https_port)):
                    return
                time.sleep(0.05)
            stop_process(self.proc)
            self.proc = None
            if "Address already in use" not in self.error_text():
                raise SetupError("nginx did not start:\n" + self.error_text()[-3000:])
        raise SetupError("nginx found no free ports")

    @staticmethod
    def _accepts(port):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return True
        except OSError:
            return False

    def error_text(self):
        text = ""
        for path in (self.error_log, self.site_error_log):
            try:
                with open(path, encoding="utf-8", errors="replace") as f:
                    text += f.read()
            except OSError:
                pass
        return text

    def access_text(self):
        try:
            with open(self.access_log, encoding="utf-8", errors="replace") as f:
                return f.read()
        except OSError:
            return ""

    def stop(self):
        code = stop_process(self.proc, signal.SIGQUIT)
        self.proc = None
        return code


# --------------------------------------------------------------------------------------
# Clients


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def header(self, name):
        values = self.all(name)
        return values[0] if values else None

    def all(self, name):
        return [v for k, v in self.headers if k.lower() == name.lower()]

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            return None

    def code(self):
        body = self.json()
        return body.get("code") if isinstance(body, dict) else None

    def brief(self):
        return "%s %s" % (self.status, self.body[:200].decode("utf-8", "replace"))


class TlsConnection(http.client.HTTPSConnection):
    """To 127.0.0.1, from a chosen loopback address, with SNI and verification for SERVER_NAME."""

    def __init__(self, port, context, source=None, timeout=30):
        super().__init__("127.0.0.1", port, timeout=timeout, context=context,
                         source_address=(source, 0) if source else None)

    def connect(self):
        sock = socket.create_connection((self.host, self.port), self.timeout, self.source_address)
        self.sock = self._context.wrap_socket(sock, server_hostname=SERVER_NAME)


class Front:
    """Requests through nginx."""

    def __init__(self, nginx, ca_cert):
        self.nginx, self.ca_cert = nginx, ca_cert
        self.context = self.tls_context()

    def tls_context(self):
        """A client context that trusts only the temporary authority and checks the name."""
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
        context.check_hostname = True
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(self.ca_cert)
        return context

    def request(self, method, path, body=None, headers=(), source="127.0.0.1", context=None):
        conn = TlsConnection(self.nginx.https_port, context or self.context, source)
        try:
            hdrs = {"Host": SERVER_NAME, "Connection": "close"}
            hdrs.update(dict(headers))
            if body is not None and "Content-Type" not in hdrs:
                hdrs["Content-Type"] = "application/json"
            conn.request(method, path, body=body, headers=hdrs)
            r = conn.getresponse()
            return Answer(r.status, r.getheaders(), r.read())
        finally:
            conn.close()

    def plain(self, method, path, body=None, source="127.0.0.1"):
        conn = http.client.HTTPConnection("127.0.0.1", self.nginx.http_port, timeout=30,
                                          source_address=(source, 0))
        try:
            conn.request(method, path, body=body, headers={"Host": SERVER_NAME, "Connection": "close"})
            r = conn.getresponse()
            return Answer(r.status, r.getheaders(), r.read())
        finally:
            conn.close()

    def raw(self, source, timeout=30):
        """A TLS socket through nginx, for requests sent a piece at a time."""
        sock = socket.create_connection(("127.0.0.1", self.nginx.https_port), timeout, (source, 0))
        return self.context.wrap_socket(sock, server_hostname=SERVER_NAME)


def read_answer(sock):
    """Reads one answer from a raw socket (None if it closed without one)."""
    r = http.client.HTTPResponse(sock)
    try:
        r.begin()
        return Answer(r.status, r.getheaders(), r.read())
    except (http.client.HTTPException, OSError, ssl.SSLError):
        return None
    finally:
        r.close()


# --------------------------------------------------------------------------------------
# The checks


class Checks:
    def __init__(self):
        self.failures = []

    def check(self, ok, what, detail=""):
        if ok:
            print("ok: " + what)
        else:
            self.failures.append(what + (": " + detail if detail else ""))
            print("FAILED: " + what + (": " + detail if detail else ""))
        return ok


def request_lines(log, path):
    """casereview's REQUEST log lines for `path`."""
    return [line for line in log.splitlines() if " REQUEST " in line and (" " + path + " ") in line]


def wait_for(read, found, wait_s=15):
    """Polls `read()` until `found(text)`; the last text read."""
    deadline = time.monotonic() + wait_s
    text = read()
    while not found(text) and time.monotonic() < deadline:
        time.sleep(0.05)
        text = read()
    return text


_markers = [0]


def casereview_log_settled(front, server):
    """casereview's log once the line of a request sent now is in it: the lines
    of requests answered before it are written by then (casereview writes a
    request's line as soon as it has sent its answer)."""
    _markers[0] += 1
    path = "/api/v1/nginx-log-marker-%d" % _markers[0]
    front.request("GET", path, source="127.0.0.12")
    return wait_for(server.log, lambda text: bool(request_lines(text, path)))


def check_tls(c, front):
    for version in (ssl.TLSVersion.TLSv1_2, ssl.TLSVersion.TLSv1_3):
        context = front.tls_context()
        context.minimum_version = context.maximum_version = version
        try:
            a = front.request("GET", "/api/v1/health", context=context)
            c.check(a.status == 200, "%s is served, the certificate verified" % version.name, a.brief())
        except (OSError, ssl.SSLError) as e:
            c.check(False, "%s is served, the certificate verified" % version.name, str(e))

    # TLS 1.1, offered with every cipher this OpenSSL still has for it, is refused.
    old = front.tls_context()
    old.set_ciphers("ALL:@SECLEVEL=0")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)  # the point: it is deprecated
        old.minimum_version = old.maximum_version = ssl.TLSVersion.TLSv1_1
    try:
        front.request("GET", "/api/v1/health", context=old)
        c.check(False, "TLS 1.1 is refused", "a TLS 1.1 handshake succeeded")
    except ssl.SSLError as e:
        c.check("NO_PROTOCOLS_AVAILABLE" not in str(e).upper(), "TLS 1.1 is refused",
                "this client could not offer TLS 1.1, so nothing was checked: " + str(e))
    except (ConnectionResetError, BrokenPipeError) as e:
        # nginx closes the connection on the TLS 1.1 ClientHello.
        c.check(True, "TLS 1.1 is refused (%s)" % e)
    except OSError as e:
        c.check(False, "TLS 1.1 is refused", "the connection failed otherwise: %s" % e)

    h2 = front.tls_context()
    h2.set_alpn_protocols(["h2", "http/1.1"])
    with socket.create_connection(("127.0.0.1", front.nginx.https_port), 10) as tcp:
        with h2.wrap_socket(tcp, server_hostname=SERVER_NAME) as tls:
            c.check(tls.selected_alpn_protocol() == "h2", "HTTP/2 is offered", repr(tls.selected_alpn_protocol()))


def check_health(c, front, today):
    a = front.request("GET", "/api/v1/health")
    body = a.json() or {}
    c.check(a.status == 200 and body.get("status") == "ok" and body.get("today") == today,
            "GET /api/v1/health answers casereview's JSON through nginx, today %s" % today, a.brief())
    for name, value in (("Content-Security-Policy", "default-src 'self'"), ("X-Content-Type-Options", "nosniff"),
                        ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer"),
                        ("Cross-Origin-Opener-Policy", "same-origin"), ("Cache-Control", "no-store"),
                        ("Strict-Transport-Security", "max-age=31536000")):
        values = a.all(name)
        c.check(len(values) == 1 and value in values[0], "%s is sent once (%s)" % (name, value), repr(values))
    server = a.header("Server") or ""
    c.check(not re.search(r"\d", server), "the Server header names no version", repr(server))

    page = front.request("GET", "/sign-in")
    c.check(page.status == 200 and (page.header("Content-Type") or "").startswith("text/html")
            and len(page.all("Content-Security-Policy")) == 1, "the sign-in page is served through nginx",
            "%s %r" % (page.status, page.header("Content-Type")))


def check_plain_http(c, front, server):
    path = "/api/v1/nginx-plain-http-probe"
    for method, body in (("GET", None), ("POST", b'{"username":"demo.manager"}')):
        a = front.plain(method, path + "?from=plain")
        c.check(a.status == 301 and a.header("Location") == "https://%s%s?from=plain" % (SERVER_NAME, path),
                "plain HTTP %s answers 301 to https://%s" % (method, SERVER_NAME),
                "%s Location %r" % (a.status, a.header("Location")))
    a = front.plain("GET", "/", source="127.0.0.1")
    c.check(a.status == 301 and a.header("Location") == "https://%s/" % SERVER_NAME,
            "plain HTTP / answers 301 to the HTTPS address", "%s %r" % (a.status, a.header("Location")))
    c.check(not request_lines(casereview_log_settled(front, server), path),
            "nothing sent over plain HTTP reached casereview")


def sign_in(front, username, password, source):
    return front.request("POST", "/api/v1/session",
                         json.dumps({"username": username, "password": password}).encode(), source=source)


def check_session(c, front):
    """The manager's session through the proxy; returns (cookie, csrf) of a live session, or None."""
    source = "127.0.0.2"
    a = sign_in(front, "demo.manager", DEMO_PASSWORD, source)
    body = a.json() or {}
    if not c.check(a.status == 200 and body.get("role") == "manager" and body.get("csrf_token"),
                   "the demonstration manager signs in through nginx", a.brief()):
        return None
    cookie = a.header("Set-Cookie") or ""
    attributes = [p.strip().lower() for p in cookie.split(";")]
    c.check(cookie.startswith("casereview_session=") and "httponly" in attributes
            and "samesite=strict" in attributes and "secure" in attributes,
            "the session cookie is HttpOnly, SameSite=Strict and Secure", repr(cookie))
    token = cookie.split(";", 1)[0]
    csrf = body["csrf_token"]
    who = front.request("GET", "/api/v1/session", headers={"Cookie": token}, source=source)
    c.check(who.status == 200 and (who.json() or {}).get("username") == "demo.manager",
            "the cookie is the manager's session through nginx", who.brief())
    cases = front.request("GET", "/api/v1/cases", headers={"Cookie": token}, source=source)
    listed = (cases.json() or {}).get("cases") if cases.status == 200 else None
    c.check(bool(listed), "the manager reads the demonstration cases through nginx", cases.brief())

    # A second session to sign out of: the first is kept for the document checks.
    b = sign_in(front, "demo.manager", DEMO_PASSWORD, source)
    other, other_csrf = (b.header("Set-Cookie") or "").split(";", 1)[0], (b.json() or {}).get("csrf_token", "")
    refused = front.request("DELETE", "/api/v1/session", headers={"Cookie": other}, source=source)
    c.check(refused.status == 403 and refused.code() == "CSRF_TOKEN_INVALID",
            "signing out without the CSRF token is refused", refused.brief())
    out = front.request("DELETE", "/api/v1/session", headers={"Cookie": other, "X-CSRF-Token": other_csrf},
                        source=source)
    cleared = [p.strip().lower() for p in (out.header("Set-Cookie") or "").split(";")]
    c.check(out.status == 200 and "max-age=0" in cleared and "secure" in cleared,
            "signing out with the CSRF token clears the cookie (Secure)", "%s %r" % (out.status, cleared))
    after = front.request("GET", "/api/v1/session", headers={"Cookie": other}, source=source)
    c.check(after.status == 401 and after.code() == "NOT_SIGNED_IN",
            "the ended session is refused (no answer came from a cache)", after.brief())
    return token, csrf, listed


def attachable_case(front, token, cases, source):
    for case in cases:
        a = front.request("GET", "/api/v1/cases/%d/documents" % case["id"], headers={"Cookie": token}, source=source)
        if a.status == 200 and (a.json() or {}).get("may_attach"):
            return case["id"]
    return None


def check_body_limit(c, front, server, session, values):
    source = "127.0.0.2"
    token, csrf, cases = session
    types = front.request("GET", "/api/v1/document-types", headers={"Cookie": token}, source=source)
    limit = (types.json() or {}).get("max_bytes")
    c.check(limit == values["max_body"],
            "client_max_body_size (%d) is casereview's document limit" % values["max_body"], "casereview: %r" % limit)
    case_id = attachable_case(front, token, cases, source)
    if not c.check(case_id is not None, "a demonstration case takes documents from the manager"):
        return
    path = "/api/v1/cases/%d/documents" % case_id
    target = path + "?kind=report&name=nginx-front-limit.pdf"
    content = b"%PDF-1.4\n" + os.urandom(values["max_body"] - 9)
    up = front.request("POST", target, content, source=source,
                       headers={"Cookie": token, "X-CSRF-Token": csrf, "Content-Type": "application/pdf"})
    document = up.json() or {}
    digest = hashlib.sha256(content).hexdigest()
    if c.check(up.status == 201 and document.get("sha256") == digest,
               "a document of exactly client_max_body_size bytes is attached through nginx", up.brief()):
        down = front.request("GET", "/api/v1/documents/%d" % document["id"], headers={"Cookie": token}, source=source)
        c.check(down.status == 200 and hashlib.sha256(down.body).hexdigest() == digest
                and down.header("X-Content-SHA256") == digest,
                "it downloads through nginx byte for byte (%d bytes)" % len(content),
                "%s, %d bytes" % (down.status, len(down.body)))
    before = len(request_lines(server.log(), path))
    with front.raw(source) as sock:
        sock.sendall(("POST %s HTTP/1.1\r\nHost: %s\r\nCookie: %s\r\nX-CSRF-Token: %s\r\n"
                      "Content-Type: application/pdf\r\nContent-Length: %d\r\n\r\n"
                      % (target, SERVER_NAME, token, csrf, values["max_body"] + 1)).encode() + b"%PDF-1.4\n")
        a = read_answer(sock)
    c.check(a is not None and a.status == 413 and a.code() == "BODY_TOO_LARGE"
            and a.header("Content-Type") == "application/problem+json"
            and ("at most %d bytes" % values["max_body"]) in (a.json() or {}).get("detail", ""),
            "one byte more is answered 413 BODY_TOO_LARGE (problem JSON, the limit in bytes) by nginx",
            a.brief() if a else "no answer")
    c.check(len(request_lines(casereview_log_settled(front, server), path)) == before,
            "the oversized body never reached casereview")


def check_connection_limit(c, front, values):
    """More requests in progress from one address than limit_conn allows: the excess get 503 at once."""
    limit, extra, source = values["limit_conn"], 3, "127.0.0.3"
    head = ("POST /api/v1/cases/checks HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\n"
            "Content-Length: 2\r\nConnection: close\r\n\r\n" % SERVER_NAME).encode()
    socks, answers, lock = [], {}, threading.Lock()

    def reader(i, sock):
        a = read_answer(sock)
        with lock:
            answers[i] = a

    threads = []
    try:
        for i in range(limit + extra):
            s = front.raw(source, timeout=60)
            s.sendall(head)  # the body is held back: nginx waits for it with the request counted
            socks.append(s)
            t = threading.Thread(target=reader, args=(i, s), daemon=True)
            t.start()
            threads.append(t)
        deadline = time.monotonic() + 10  # within client_body_timeout, which would end the others
        while time.monotonic() < deadline:
            with lock:
                if len(answers) >= extra:
                    break
            time.sleep(0.05)
        with lock:
            early = dict(answers)
        busy = [a for a in early.values() if a is not None and a.status == 503 and a.code() == "SERVER_BUSY"
                and a.header("Retry-After") == "2"]
        c.check(len(early) == extra and len(busy) == extra,
                "%d requests in progress from one address: %d answered 503 SERVER_BUSY with Retry-After at once"
                % (limit + extra, extra), "answered: %r" % [a.brief() if a else None for a in early.values()])
        other = front.request("GET", "/api/v1/health", source="127.0.0.4")
        c.check(other.status == 200, "another address is served meanwhile", other.brief())
        for i, s in enumerate(socks):
            if i not in early:
                try:
                    s.sendall(b"{}")
                except OSError:
                    pass
        for t in threads:
            t.join(60)
        served = [a for i, a in answers.items() if i not in early]
        c.check(len(served) == limit and all(a is not None and a.status == 401 and a.code() == "NOT_SIGNED_IN"
                                             for a in served),
                "the %d admitted requests are answered by casereview once their bodies arrive" % limit,
                repr([a.brief() if a else None for a in served]))
    finally:
        for s in socks:
            s.close()


def check_signin_limit(c, front, values):
    source = "127.0.0.5"
    count = 1 + values["signin_burst"] + 20
    statuses, refused = [], None
    for _ in range(count):
        a = front.request("POST", "/api/v1/session", b"{}", source=source)
        statuses.append(a.status)
        if a.status == 429 and refused is None:
            refused = a
    c.check(statuses[0] == 400, "a sign-in attempt within the limit reaches casereview (400 for an empty body)",
            repr(statuses[:3]))
    c.check(refused is not None and refused.code() == "TOO_MANY_ATTEMPTS" and refused.header("Retry-After"),
            "%d sign-in attempts from one address: those beyond the burst get 429 TOO_MANY_ATTEMPTS" % count,
            repr(statuses))
    c.check(set(statuses) <= {400, 429}, "every other attempt was casereview's 400", repr(statuses))
    who = front.request("GET", "/api/v1/session", source=source)
    c.check(who.status == 401, "GET /api/v1/session from that address is not limited (401 from casereview)",
            who.brief())
    elsewhere = front.request("POST", "/api/v1/session", b"{}", source="127.0.0.6")
    c.check(elsewhere.status == 400, "sign-ins from another address are not limited", elsewhere.brief())


def check_slow_head(c, front, server, values, readme_timeout):
    c.check(values["header_timeout"] == readme_timeout,
            "the recipe's client_header_timeout (%d s) is casereview's --request-timeout (%d s)"
            % (values["header_timeout"], readme_timeout))
    path = "/api/v1/nginx-slow-head-probe"
    lines_budget = 4 * HEADER_TIMEOUT_S + 4
    sent, ended = 0, None
    with front.raw("127.0.0.10") as sock:
        sock.sendall(("GET %s HTTP/1.1\r\nHost: %s\r\n" % (path, SERVER_NAME)).encode())
        sock.settimeout(1.0)
        while sent < lines_budget and ended is None:
            try:
                data = sock.recv(4096)
                ended = "closed" if not data else data.split(b"\r\n", 1)[0].decode("ascii", "replace")
            except socket.timeout:
                try:
                    sent += 1
                    sock.sendall(b"X-Slow-%d: x\r\n" % sent)
                except OSError as e:
                    ended = "closed (%s)" % e
            except (OSError, ssl.SSLError) as e:
                ended = "closed (%s)" % e
    c.check(ended is not None and "200" not in ended,
            "a head sent a line a second is cut off by client_header_timeout (%d s here): %s after %d lines"
            % (HEADER_TIMEOUT_S, ended, sent), "still open after %d lines" % sent)
    access = wait_for(front.nginx.access_text, lambda text: "127.0.0.10 " in text)
    c.check(any(line.startswith("127.0.0.10 ") and ('"GET %s" 408 ' % path) in line for line in access.splitlines()),
            "nginx's access log has it as 408, the head's time-out")
    c.check(not request_lines(casereview_log_settled(front, server), path), "casereview never saw the slow request")


def check_addresses(c, front, server, nginx):
    source = "127.0.0.8"
    # The client writes an address of its own: nginx replaces it, and
    # casereview's log names the real one.
    a = front.request("POST", "/api/v1/session",
                      json.dumps({"username": "nginx.front.nobody", "password": "not a password of anyone 2026"})
                      .encode(), headers=[("X-Forwarded-For", "198.51.100.77")], source=source)
    c.check(a.status == 401 and a.code() == "LOGIN_FAILED", "a failed sign-in through nginx", a.brief())
    secret = "nginxfrontcalendarsecret0123456789"
    feed = front.request("GET", "/api/v1/calendar-feeds/" + secret, source="127.0.0.9")
    c.check(feed.status == 404, "an unknown calendar address is 404 through nginx", feed.brief())
    access = wait_for(nginx.access_text, lambda text: "127.0.0.9 " in text and (source + " ") in text)
    c.check(any(line.startswith(source + " ") and '"POST /api/v1/session"' in line and " 401 " in line
                for line in access.splitlines()),
            "nginx's access log has the client's own address (%s)" % source)
    c.check(secret not in access and "/api/v1/calendar-feeds/(withheld)" in access,
            "nginx's access log withholds the calendar address's secret")
    failed = [line for line in server.log().splitlines() if " LOGIN_FAILED " in line]
    c.check(secret not in server.log(), "casereview's log withholds the calendar address's secret")
    c.check(bool(failed) and failed[-1].endswith("from " + source),
            "casereview's log names the client's own address (%s), forwarded by nginx" % source,
            repr(failed[-1:]))
    # Polled faster than the request limit allows, nginx refuses some: those
    # refusals, which it logs, must not write the secret either.
    refused = sum(front.request("GET", "/api/v1/calendar-feeds/" + secret, source="127.0.0.21").status == 503
                  for _ in range(80))
    errors = nginx.error_text()
    c.check(secret not in errors,
            "nginx's error logs hold no calendar address's secret (%d of 80 quick polls refused)" % refused)
    c.check("198.51.100.77" not in server.log(),
            "an X-Forwarded-For the client wrote is replaced by nginx, never believed")


def check_logs(c, nginx):
    bad = [line for line in nginx.error_text().splitlines() if re.search(r"\[(crit|alert|emerg)\]", line)]
    c.check(not bad, "nginx's error logs have nothing at [crit] or worse", "\n".join(bad[:5]))


# --------------------------------------------------------------------------------------
# Running it


def command_line():
    """The options (--bin, --nginx, --openssl, --keep); None, said why, when a tool is missing."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.environ.get("CASEREVIEW_BIN"))
    parser.add_argument("--nginx", default="/usr/sbin/nginx")
    parser.add_argument("--openssl", default=shutil.which("openssl") or "/usr/bin/openssl")
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory")
    args = parser.parse_args()
    if not args.bin:
        print("give --bin or set CASEREVIEW_BIN", file=sys.stderr)
        return None
    for tool in (args.nginx, args.openssl):
        if not os.access(tool, os.X_OK):
            print("%s is not installed: run .ci/install-deps" % tool, file=sys.stderr)
            return None
    return args


def main():
    args = command_line()
    if args is None:
        return 2
    today = os.environ.get("CASEREVIEW_TEST_TODAY") or DEFAULT_TODAY
    work = tempfile.mkdtemp(prefix="casereview-nginx-")
    server = nginx = None
    c = Checks()
    try:
        recipe = recipe_text()
        values = recipe_values(recipe)
        readme_timeout = readme_default("--request-timeout")
        ca_cert = make_certificates(args.openssl, os.path.join(work, "tls"))
        server = Casereview(args.bin, work, today)
        server.cli(["demo", "load", "--today", today])
        server.start()
        nginx = Nginx(args.nginx, work, recipe, server.port, os.path.join(work, "tls"))
        nginx.start()
        print("casereview on 127.0.0.1:%d, nginx on 127.0.0.1:%d (HTTPS) and :%d (HTTP), in %s"
              % (server.port, nginx.https_port, nginx.http_port, work))
        front = Front(nginx, ca_cert)

        check_tls(c, front)
        check_health(c, front, today)
        check_plain_http(c, front, server)
        session = check_session(c, front)
        if session:
            check_body_limit(c, front, server, session, values)
        check_connection_limit(c, front, values)
        check_signin_limit(c, front, values)
        check_slow_head(c, front, server, values, readme_timeout)
        check_addresses(c, front, server, nginx)
        final = front.request("GET", "/api/v1/health", source="127.0.0.11")
        c.check(final.status == 200, "casereview still answers through nginx at the end", final.brief())
        check_logs(c, nginx)
    except SetupError as e:
        print("could not set up: %s" % e, file=sys.stderr)
        return 2
    finally:
        nginx_code = nginx.stop() if nginx else 0
        server_code = server.stop() if server else 0
        if nginx is not None or server is not None:
            c.check(nginx_code == 0, "nginx stopped", "exit %r" % nginx_code)
            c.check(server_code == 0, "casereview stopped", "exit %r" % server_code)
        if args.keep or c.failures:
            print("kept %s" % work)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print("%d check(s) failed" % len(c.failures) if c.failures else "every check passed")
    return 1 if c.failures else 0


if __name__ == "__main__":
    sys.exit(main())
