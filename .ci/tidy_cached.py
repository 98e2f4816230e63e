#!/usr/bin/env python3
"""clang-tidy over the project's sources, skipping each source whose every
input is the same as when it was last found clean.

Usage: tidy_cached.py BUILD_DIR FILE_REGEX

A source's inputs are what the compiler read for it, as the build recorded
(`ninja -t deps`: the source, every header, generated ones too), its compile
command (the checkout's own directory written as "."), .clang-tidy and the
clang-tidy version. A source found clean records the hash of all of them in
the cache directory (CASEREVIEW_TIDY_CACHE, default
~/.cache/casereview/clang-tidy); a source with any finding records nothing,
so it is checked, and fails, again next time. A source the build has not
recorded the headers of is always checked.

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
    """{object: [input path, ...]} for every object whose inputs ninja recorded."""
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
    return inputs


def object_of(command):
    parts = command.split()
    return parts[parts.index("-o") + 1] if "-o" in parts else None


def main():
    build_dir, pattern = os.path.abspath(sys.argv[1]), re.compile(sys.argv[2])
    root = os.getcwd()
    cache = os.environ.get("CASEREVIEW_TIDY_CACHE") or os.path.expanduser("~/.cache/casereview/clang-tidy")
    os.makedirs(cache, exist_ok=True)

    entries = {}
    with open(os.path.join(build_dir, "compile_commands.json")) as f:
        for entry in json.load(f):
            path = os.path.normpath(os.path.join(entry["directory"], entry["file"]))
            if pattern.search(path) and path not in entries:
                entries[path] = entry
    objects = {path: object_of(entry["command"]) for path, entry in entries.items()}
    inputs = recorded_inputs(build_dir, [o for o in objects.values() if o])

    version = subprocess.run(["clang-tidy", "--version"], capture_output=True, text=True, check=True).stdout
    known = {}
    common = hashlib.sha256(version.encode() + digest_of_file(os.path.join(root, ".clang-tidy"), known).encode())
    keys, to_check = {}, []
    for path, entry in sorted(entries.items()):
        recorded = inputs.get(objects[path])
        if recorded is None:
            to_check.append(path)
            continue
        h = common.copy()
        h.update(entry["command"].replace(root, ".").encode())
        for each in recorded:
            h.update(each.replace(root, ".").encode() + b"\0" + digest_of_file(each, known).encode())
        keys[path] = h.hexdigest()
        if not os.path.exists(os.path.join(cache, keys[path])):
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
