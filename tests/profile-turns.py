#!/usr/bin/env python3
"""Where a loaded CareBot's CPU goes, by component, from `perf script` output (see tests/profile-turns.sh).

Each sample counts once: first by what the thread is doing in the kernel or in SQLite's file I/O (fsync, pread/pwrite,
loopback TCP, waits), else by the innermost frame of a known component (JSON, SQLite, triage, dialog, ASP.NET Core,
the rest of CareBot, the .NET runtime). Stacks are walked leaf first, so a JSON call made by the turn recipe counts as
JSON, not as the recipe.
"""
import collections
import re
import sys

SYSCALLS = [
    ("fsync (the durable commit)", r"\bfsync\b"),
    ("file reads and writes (SQLite's pread/pwrite)", r"__libc_pwrite|__libc_pread"),
    ("SQLite engine (native)", r"libe_sqlite3"),
    ("loopback TCP send/receive (kernel, with the receiver's side)", r"^__send\+|__libc_recv|__libc_send|sendto|recvfrom"),
    ("epoll, thread-pool waits and yields", r"sched_yield|LowLevelLifoSemaphore|futex|epoll"),
]
FRAMES = [
    ("System.Text.Json (state document, request, replies, outcome row)", r"\[System\.Text\.Json\]|\[System\.Text\.Encodings\.Web\]"),
    ("SQLite ADO.NET and CareBot.Storage (managed)", r"\[Microsoft\.Data\.Sqlite\]|\[SQLitePCLRaw|\[CareBot\.Storage\]"),
    ("triage (VADER, cues, care model, rules)", r"\[CareBot\.Care\] CareBot\.Care\.Triage|\[System\.Text\.RegularExpressions\]"),
    ("dialog step", r"\[CareBot\.Dialogs\]"),
    ("dependency injection and HttpClient creation per request", r"\[Microsoft\.Extensions\.DependencyInjection\]|\[Microsoft\.Extensions\.Http\]|dynamicClass"),
    ("ASP.NET Core middleware and Kestrel", r"\[Microsoft\.AspNetCore"),
    ("the rest of CareBot (turn recipe, effects, protocol)", r"\[CareBot\."),
    (".NET runtime and base library (GC, allocation, strings, collections, async)", r"libcoreclr|libclrjit|\[System\."),
    ("kernel, other (scheduler, interrupts)", r"kernel\.kallsyms"),
]


def classify(frames):
    stack = "\n".join(frames)
    for name, pattern in SYSCALLS:
        if re.search(pattern, stack, re.M):
            return name
    for frame in frames:
        for name, pattern in FRAMES:
            if re.search(pattern, frame):
                return name
    return "other"


def main(path):
    counts = collections.Counter()
    with open(path, encoding="utf-8", errors="replace") as script:
        for sample in script.read().split("\n\n"):
            frames = [re.sub(r"^[0-9a-f]+ ", "", line.strip()) for line in sample.strip().split("\n")[1:] if line.strip()]
            if frames:
                counts[classify(frames)] += 1
    total = sum(counts.values())
    print(f"{total} samples")
    print("| % of the bot's CPU | where |")
    print("|---:|---|")
    for name, count in counts.most_common():
        print(f"| {100 * count / total:.1f} | {name} |")


if __name__ == "__main__":
    main(sys.argv[1])
