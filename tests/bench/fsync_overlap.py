#!/usr/bin/python3
"""A measurement (not a test): whether the disk overlaps durable writes to
different files. For N = 1 to 4 in turn, N threads each own one file, written
once in full beforehand so that no later write grows it; then, all starting
together and stopping at the same moment, each overwrites 200 bytes of its
file and calls fdatasync(2), again and again, as a commit does. Printed for
each N: the fdatasync calls completed a second by all threads together (over
the time they ran), and the median call.

If the total grows with N, commits to several files (a log of reads in a file
of its own, beside the database) can overlap; if it stays flat and each call
takes N times as long, the disk does one flush at a time and they cannot
(README, *Requests against the machine's ceilings*).

Usage: tests/bench/fsync_overlap.py [DIRECTORY] [SECONDS]
  DIRECTORY: on the disk the database is on (default: the repository's
  .build/bench, made if missing); the files are removed afterwards.
"""
import os
import statistics
import sys
import tempfile
import threading
import time

FILE_BYTES = 1 << 20
WRITE = b"x" * 200


def prepared_file(path):
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL, 0o600)
    os.write(fd, b"\0" * FILE_BYTES)
    os.fsync(fd)
    return fd


def flush_until(fd, start, window, durations, counts, index):
    start.wait()
    end = time.monotonic() + window
    offset, mine = 0, []
    while time.monotonic() < end:
        os.pwrite(fd, WRITE, offset)
        offset = (offset + 4096) % FILE_BYTES
        began = time.monotonic()
        os.fdatasync(fd)
        mine.append(time.monotonic() - began)
    durations.extend(mine)
    counts[index] = len(mine)


def one_round(work, files, seconds):
    paths = [os.path.join(work, f"f{i}") for i in range(files)]
    fds = []
    try:
        for path in paths:
            fds.append(prepared_file(path))
        start = threading.Barrier(files + 1)
        counts, durations = [None] * files, []
        threads = [threading.Thread(target=flush_until, args=(fd, start, seconds, durations, counts, i), daemon=True)
                   for i, fd in enumerate(fds)]
        for t in threads:
            t.start()
        start.wait()
        began = time.monotonic()
        for t in threads:
            t.join()
        ran = time.monotonic() - began
        if None in counts:
            raise RuntimeError("a thread stopped before its time (its error is printed above)")
        return sum(counts) / ran, statistics.median(durations)
    finally:
        for fd in fds:
            os.close(fd)
        for path in paths:
            if os.path.exists(path):
                os.unlink(path)


def main():
    repository = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    directory = sys.argv[1] if len(sys.argv) > 1 else os.path.join(repository, ".build", "bench")
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    os.makedirs(directory, exist_ok=True)
    work = tempfile.mkdtemp(prefix="fsync-overlap-", dir=directory)
    try:
        print(f"fdatasync on {work}, {seconds:g} s for each number of files")
        print("| files flushed at once | fdatasync calls a second, all together | median call |")
        print("|---|---|---|")
        for files in (1, 2, 3, 4):
            rate, median = one_round(work, files, seconds)
            print(f"| {files} | {rate:,.0f} | {median * 1e6:,.0f} µs |", flush=True)
    finally:
        os.rmdir(work)


if __name__ == "__main__":
    main()
