#!/usr/bin/env python3
"""clang-tidy over the project's sources, skipping each source whose every
input is the same as when it was last found clean.

Usage: tidy_cached.py BUILD_DIR FILE_REGEX

A source's inputs are, for each compile command it has (clang-tidy checks it
under every one), the command (the checkout's own directory written as ".")
and what the compiler read for it as the build recorded (`ninja -t deps`: the
source, every header, generated ones too); and .clang-tidy and the clang-tidy
version. A source found clean records the hash of all of them in the cache
directory (CASEREVIEW_TIDY_CACHE, default ~/.cache/casereview/clang-tidy); a
source with any finding records nothing, so it is checked, and fails, again
next time. A source is checked and records nothing when the build has not
recorded what one of its commands read, or when something it read is newer
than the build's object (edited since: its includes may have changed).

Prints clang-tidy's findings; exits 1 when there are any, 0 otherwise.
"""
import hashlib
import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor


def digest_of_file(path, known):
    if path not in known:
        h = hashlib.sha256()
        try:
            with open(path, "rb") as f:
                h.update(f.read())
        except OSError:
            h.update(b"(absent)")
        known[path] = h.hexdigest()
    return known[path]


def recorded_inputs(build_dir, objects):
    """{object: [input path, ...]} for every object whose inputs ninja recorded
    and none of which is newer than the object."""
    out = subprocess.run(["ninja", "-C", build_dir, "-t", "deps", *objects], capture_output=True, text=True,
                         check=True).stdout
    inputs, current = {}, None
    for line in out.splitlines():
        if line and not line.startswith(" "):
            target, _, state = line.partition(": ")
            current = target if "(VALID)" in state else None
            if current:
                inputs[current] = []
        elif current and line.strip():
            inputs[current].append(os.path.normpath(os.path.join(build_dir, line.strip())))
    for target in list(inputs):
        try:
            built = os.stat(os.path.join(build_dir, target)).st_mtime_ns
            if any(os.stat(each).st_mtime_ns > built for each in inputs[target] if os.path.exists(each)):
                del inputs[target]
        except OSError:
            del inputs[target]
    return inputs


def object_of(command):
    parts = command.split()
    return parts[parts.index("-o") + 1] if "-o" in parts else None


def main():
    build_dir, pattern = os.path.abspath(sys.argv[1]), re.compile(sys.argv[2])
    root = os.getcwd()
    cache = os.environ.get("CASEREVIEW_TIDY_CACHE") or os.path.expanduser("~/.cache/casereview/clang-tidy")
    os.makedirs(cache, exist_ok=True)

    entries = {}  # source: every compile command it has
    with open(os.path.join(build_dir, "compile_commands.json")) as f:
        for entry in json.load(f):
            path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
            if pattern.search(path):
                entries.setdefault(path, []).append(entry)
    if not entries:
        print(f"casereview: lint: no source in {build_dir}/compile_commands.json matches {pattern.pattern}",
              file=sys.stderr)
        return 1
    inputs = recorded_inputs(build_dir, [object_of(e["command"]) for each in entries.values() for e in each
                                         if object_of(e["command"])])

    version = subprocess.run(["clang-tidy", "--version"], capture_output=True, text=True, check=True).stdout
    known = {}
    common = hashlib.sha256(version.encode() + digest_of_file(os.path.join(root, ".clang-tidy"), known).encode())
    keys, to_check = {}, []
    for path, commands in sorted(entries.items()):
        h = common.copy()
        for entry in commands:
            recorded = inputs.get(object_of(entry["command"]))
            if recorded is None:
                break
            h.update(entry["command"].replace(root, ".").encode() + b"\0")
            for each in recorded:
                h.update(each.replace(root, ".").encode() + b"\0" + digest_of_file(each, known).encode())
        else:
            keys[path] = h.hexdigest()
        if path not in keys or not os.path.exists(os.path.join(cache, keys[path])):
            to_check.append(path)

    print(f"casereview: lint: clang-tidy: {len(entries) - len(to_check)} of {len(entries)} sources unchanged "
          f"since found clean; checking {len(to_check)}", flush=True)

    def check(path):
        run = subprocess.run(["clang-tidy", "-quiet", "-p", build_dir, path], capture_output=True, text=True)
        text = run.stdout + run.stderr
        clean = run.returncode == 0 and not re.search(r"(warning|error): ", text)
        if clean and path in keys:
            with open(os.path.join(cache, keys[path]), "w") as f:
                f.write(os.path.relpath(path, root) + "\n")
        return path, clean, text

    problems = 0
    with ThreadPoolExecutor(max_workers=2) as pool:
        for path, clean, text in pool.map(check, to_check):
            if not clean:
                problems += 1
                print(text, end="", flush=True)
    if problems:
        print(f"casereview: lint: clang-tidy found problems in {problems} sources", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
