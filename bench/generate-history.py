#!/usr/bin/env python3
"""Generates a synthetic git history of N commits with `git fast-import`, for memory measurements.

    bench/generate-history.py DIR [COMMITS]

About 30 % of commits carry a real AI marker; files are spread over 40 services so that per-file
history state grows as it would in a large monorepo.
"""
import os, random, subprocess, sys

target = sys.argv[1]
count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
rng = random.Random(42)
os.makedirs(target, exist_ok=True)
subprocess.run(["git", "init", "-q", "--bare", "-b", "main", target], check=True)
proc = subprocess.Popen(["git", "fast-import", "--quiet"], cwd=target, stdin=subprocess.PIPE)
out = proc.stdin
people = [(f"Dev {i}", f"dev{i}@example.com") for i in range(60)]
markers = [
    "Co-Authored-By: Claude <noreply@anthropic.com>",
    "Co-authored-by: Cursor Agent <cursoragent@cursor.com>",
    "Co-authored-by: Codex <noreply@openai.com>",
    "Assisted-by: Claude:Opus-4.8",
]
contents = {}
when = 1_500_000_000
for n in range(count):
    name, email = rng.choice(people)
    when += rng.randint(60, 3600)
    msg = f"Change {n} in service\n"
    if rng.random() < 0.3:
        msg += "\nDetails of the change.\n\n" + rng.choice(markers) + "\n"
    data = msg.encode()
    out.write(b"commit refs/heads/main\n")
    out.write(f"mark :{n + 1}\n".encode())
    out.write(f"author {name} <{email}> {when} +0000\n".encode())
    out.write(f"committer {name} <{email}> {when} +0000\n".encode())
    out.write(f"data {len(data)}\n".encode() + data)
    if n > 0:
        out.write(f"from :{n}\n".encode())
    for _ in range(rng.randint(1, 4)):
        path = f"services/s{rng.randint(0, 39)}/src/f{rng.randint(0, 249)}.c"
        lines = contents.get(path, [])
        lines = lines[: rng.randint(0, len(lines))] + [f"line {n} {k}" for k in range(rng.randint(1, 12))]
        contents[path] = lines[-200:]
        blob = ("\n".join(contents[path]) + "\n").encode()
        out.write(f"M 100644 inline {path}\n".encode())
        out.write(f"data {len(blob)}\n".encode() + blob)
    out.write(b"\n")
out.close()
sys.exit(proc.wait())
