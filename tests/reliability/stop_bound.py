#!/usr/bin/python3
"""A stop always stops: SIGTERM while a request is in progress and another
connection is idle (kept alive).

The request in progress is a body that never finishes arriving: its thread is
blocked reading it. The server is started with --stop-grace 2 and a request
timeout long enough that no deadline of its own ends that read. On SIGTERM it
must stop accepting, close the idle connection at once, give the request its
grace, then close its connection and exit 0: within grace + 2 s (the abort
wait, server.h). The script waits at most EXIT_WAIT_S for the exit, a bound,
not a measurement, and prints how long the stop took.

usage: stop_bound.py [--bin PATH]
"""

import argparse
import os
import socket
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bench"))
from served import Served  # noqa: E402

GRACE_S = 2
EXIT_WAIT_S = 30


def connect(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=10)
    return s


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.environ.get("CASEREVIEW_BIN"))
    args = parser.parse_args()
    if not args.bin:
        print("give --bin or set CASEREVIEW_BIN", file=sys.stderr)
        return 2
    server = Served(args.bin, "--stop-grace", str(GRACE_S), "--request-timeout", "60")
    problems = []
    try:
        idle = connect(server.port)
        idle.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: idle\r\n\r\n")
        first = idle.recv(65536)
        if not first.startswith(b"HTTP/1.1 200"):
            problems.append(f"health answered {first[:40]!r}")

        busy = connect(server.port)
        busy.sendall(b"POST /api/v1/session HTTP/1.1\r\nHost: busy\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000\r\n\r\n{\"username\":")
        time.sleep(0.5)  # the request's thread is now reading the body

        started = time.monotonic()
        code = server.terminate(EXIT_WAIT_S)
        took = time.monotonic() - started
        if code is None:
            problems.append(f"the server had not exited {EXIT_WAIT_S} s after SIGTERM")
        elif code != 0:
            problems.append(f"the server exited {code}")
        print(f"SIGTERM with one request reading its body and one idle connection: exited {code} "
              f"after {took:.2f} s (grace {GRACE_S} s, bound {GRACE_S + 2} s)")

        idle.settimeout(5)
        try:
            if idle.recv(1) != b"":
                problems.append("the idle connection received data after the stop")
        except ConnectionResetError:
            pass
        log = server.log()
        for event in ("SERVER_STOPPING", "REQUESTS_ABORTED", "SERVER_STOPPED"):
            if event not in log:
                problems.append(f"the log has no {event}")
    finally:
        server.close()
    for p in problems:
        print("FAILED: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
