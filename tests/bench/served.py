"""Starts `casereview serve` on a fresh database on a free loopback port, for
the scripts in tests/bench/ and tests/reliability/ (standard library only).

"Today" is fixed: CASEREVIEW_TEST_TODAY, or 2022-09-16, as every test server."""

import os
import signal
import subprocess
import tempfile
import time

START_TIMEOUT_S = 30


class Served:
    def __init__(self, binary, *extra_args):
        self.binary = binary
        self.dir = tempfile.TemporaryDirectory(prefix="casereview-served-")
        self.db = os.path.join(self.dir.name, "served.db")
        self.out = os.path.join(self.dir.name, "serve.out")
        self.err = os.path.join(self.dir.name, "serve.err")
        today = os.environ.get("CASEREVIEW_TEST_TODAY") or "2022-09-16"
        args = [binary, "serve", "--db", self.db, "--port", "0", "--today", today, *extra_args]
        env = dict(os.environ, CASEREVIEW_TODAY=today)
        with open(self.out, "wb") as o, open(self.err, "wb") as e:
            self.proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=o, stderr=e, env=env)
        self.port = self._wait_for_port()

    def _wait_for_port(self):
        marker = "://127.0.0.1:"
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            with open(self.out, "r", errors="replace") as f:
                text = f.read()
            at = text.find(marker)
            if at >= 0 and "/" in text[at + len(marker):]:
                return int(text[at + len(marker):].split("/", 1)[0])
            if self.proc.poll() is not None:
                raise RuntimeError(f"casereview serve exited {self.proc.returncode}: {self.log()[-2000:]}")
            time.sleep(0.02)
        self.proc.kill()
        raise RuntimeError(f"casereview serve did not start within {START_TIMEOUT_S} s")

    def log(self):
        with open(self.err, "r", errors="replace") as f:
            return f.read()

    def terminate(self, wait_s):
        """SIGTERM; the exit code, or None if it has not exited within wait_s
        (it is then killed)."""
        self.proc.send_signal(signal.SIGTERM)
        try:
            return self.proc.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            return None

    def close(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self.dir.cleanup()
