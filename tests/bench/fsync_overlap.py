#!/usr/bin/python3
"""A measurement (not a test): whether the disk overlaps durable writes to
different files. Each of N threads (N = 1 to 4, in turn) owns one file,
written once in full beforehand so that no later write grows it, and for a
few seconds overwrites 200 bytes of it and calls fdatasync(2), again and
again, as a commit does. Printed for each N: the fdatasync calls completed a
second by all threads together, and their median duration.

If the total grew with N, commits to several files (a log of reads in a file
of its own, beside the database) could overlap; if it stays flat and each call
takes N times as long, the disk does one flush at a time and they cannot
(README, *Why a logged read stops at a third of the bare server*).

Usage: tests/bench/fsync_overlap.py [DIRECTORY] [SECONDS]
  DIRECTORY: on the disk the database is on (default .build/bench, made if
  missing); the files are removed afterwards.
"""
import os
import statistics
import sys
import tempfile
import threading
import time

FILE_BYTES = 1 << 20
WRITE = b"x" * 200


def flush_again_and_again(path, seconds, durations, counts, index):
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        os.write(fd, b"\0" * FILE_BYTES)
        os.fsync(fd)
        end = time.monotonic() + seconds
        offset = 0
        done = 0
        mine = []
        while time.monotonic() < end:
            os.pwrite(fd, WRITE, offset)
            offset = (offset + 4096) % FILE_BYTES
            started = time.monotonic()
            os.fdatasync(fd)
            mine.append(time.monotonic() - started)
            done += 1
        counts[index] = done
        durations.extend(mine)
    finally:
        os.close(fd)
        os.unlink(path)


def main():
    directory = sys.argv[1] if len(sys.argv) > 1 else ".build/bench"
    seconds = float(sys.argv[2]) if len(sys.argv) > 2 else 3.0
    os.makedirs(directory, exist_ok=True)
    work = tempfile.mkdtemp(prefix="fsync-overlap-", dir=directory)
    try:
        print(f"fdatasync on {work}, {seconds:g} s for each number of files")
        print("| files written at once | fdatasync calls a second, all together | median call |")
        print("|---|---|---|")
        for files in (1, 2, 3, 4):
            counts = [0] * files
            durations = []
            threads = [threading.Thread(target=flush_again_and_again,
                                        args=(os.path.join(work, f"f{i}"), seconds, durations, counts, i))
                       for i in range(files)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            print(f"| {files} | {sum(counts) / seconds:,.0f} | {statistics.median(durations) * 1e6:,.0f} µs |")
    finally:
        os.rmdir(work)


if __name__ == "__main__":
    main()
