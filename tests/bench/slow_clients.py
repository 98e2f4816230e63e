#!/usr/bin/python3
"""Slow and greedy clients against a real server.

One client address (127.0.0.2) opens CONNECTIONS connections and keeps each
sending a request head one header line at a time, a line every second (the
"slowloris" pattern). Meanwhile another address (127.0.0.1) asks
GET /api/v1/health REQUESTS times, one after another.

It checks (and exits 1 otherwise):
  - every health request is answered 200 while the slow connections are open;
  - the connections beyond the per-address limit are answered at once
    "503 Service Unavailable" with Retry-After, not reset: all but the
    first PER_ADDRESS;
  - the slow connections the server admitted are closed by it once their head
    deadline has passed (--request-timeout), without an answer or with 408/400;
  - the server is still serving afterwards.
It prints the health requests' latency (median, p99, worst): the figure the
README records. The figure is measured, not asserted.

usage: slow_clients.py [--bin PATH] [--connections 200] [--requests 400]
"""

import argparse
import http.client
import os
import select
import socket
import statistics
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from served import Served  # noqa: E402

REQUEST_TIMEOUT_S = 3  # the server's --request-timeout in this run
PER_ADDRESS = 8


def open_slow(port, count):
    """Opens `count` connections from 127.0.0.2, each with a request line sent."""
    conns = []
    for _ in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.bind(("127.0.0.2", 0))
        s.settimeout(5)
        s.connect(("127.0.0.1", port))
        s.sendall(b"GET /api/v1/health HTTP/1.1\r\nHost: slow\r\n")
        conns.append(s)
    return conns


def trickle(conns, received, stop):
    """A header line once a second on every connection that has not been
    answered or closed; what each receives is kept in `received` (a client
    that reads its answer, as a browser does)."""
    n = 0
    done = set()
    while not stop.is_set():
        n += 1
        readable, _, _ = select.select([s for s in conns if s not in done], [], [], 0)
        for s in readable:
            try:
                chunk = s.recv(4096)
            except OSError:
                chunk = b""
            received[s] += chunk
            if not chunk or received[s]:
                done.add(s)
        for s in conns:
            if s in done:
                continue
            try:
                s.sendall(b"X-Slow-%d: x\r\n" % n)
            except OSError:
                done.add(s)
        stop.wait(1.0 if n > 1 else 0.2)


def answers(conns, received, wait_s):
    """How the connections ended: answered 503 with Retry-After, closed
    without it, or still open after wait_s."""
    busy, closed, still_open = 0, 0, 0
    for s in conns:
        s.settimeout(wait_s)
        data = received[s]
        try:
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                data += chunk
        except socket.timeout:
            if not data:
                still_open += 1
                continue
        except ConnectionResetError:
            pass
        if data.startswith(b"HTTP/1.1 503") and b"\r\nRetry-After: " in data:
            busy += 1
        else:
            closed += 1
    return busy, closed, still_open


def health(port, count, at_least_s=0.0):
    """`count` requests one after another, and more until at_least_s have
    passed (so that they span the slow connections' head deadline)."""
    latencies, failures = [], []
    until = time.monotonic() + at_least_s
    while len(latencies) < count or time.monotonic() < until:
        started = time.monotonic()
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            c.request("GET", "/api/v1/health")
            r = c.getresponse()
            r.read()
            c.close()
            if r.status != 200:
                failures.append(f"status {r.status}")
        except OSError as e:
            failures.append(repr(e))
        latencies.append((time.monotonic() - started) * 1000)
    return latencies, failures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--bin", default=os.environ.get("CASEREVIEW_BIN"))
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--requests", type=int, default=400)
    args = parser.parse_args()
    if not args.bin:
        print("give --bin or set CASEREVIEW_BIN", file=sys.stderr)
        return 2

    server = Served(args.bin, "--threads", "16", "--max-connections-per-address", str(PER_ADDRESS),
                    "--request-timeout", str(REQUEST_TIMEOUT_S))
    problems = []
    try:
        conns = open_slow(server.port, args.connections)
        stop = threading.Event()
        received = {c: b"" for c in conns}
        trickler = threading.Thread(target=trickle, args=(conns, received, stop), daemon=True)
        trickler.start()
        latencies, failures = health(server.port, args.requests, REQUEST_TIMEOUT_S * 1.5)
        stop.set()
        trickler.join()
        busy, closed, still_open = answers(conns, received, REQUEST_TIMEOUT_S * 3)
        for s in conns:
            s.close()
        after, after_failures = health(server.port, 5)

        latencies.sort()
        p99 = latencies[max(0, int(len(latencies) * 0.99) - 1)]
        print(f"slow connections {args.connections} from 127.0.0.2: answered 503 with Retry-After {busy}, "
              f"closed by the server {closed}, still open {still_open}")
        print(f"health requests from 127.0.0.1 while they were open: {len(latencies)}, failed {len(failures)}; "
              f"latency median {statistics.median(latencies):.1f} ms, p99 {p99:.1f} ms, worst {latencies[-1]:.1f} ms")
        if failures:
            problems.append(f"{len(failures)} health requests failed, e.g. {failures[0]}")
        # The first PER_ADDRESS are admitted and every later one refused: the
        # connections are opened one after another, well within the server's
        # listen backlog, so none is dropped and retried after a slot freed.
        if busy != args.connections - PER_ADDRESS or closed != PER_ADDRESS:
            problems.append(f"expected {args.connections - PER_ADDRESS} answers 503 and {PER_ADDRESS} closed, "
                            f"got {busy} and {closed}")
        if still_open:
            problems.append(f"{still_open} slow connections were still open after their head deadline")
        if after_failures:
            problems.append("the server did not answer afterwards")
        log = server.log()
        if "CONNECTION_TIMED_OUT" not in log:
            problems.append("the server logged no CONNECTION_TIMED_OUT")
    finally:
        code = server.terminate(30)
        server.close()
    if code != 0:
        problems.append(f"the server exited {code} on SIGTERM")
    for p in problems:
        print("FAILED: " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
