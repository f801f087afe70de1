#!/usr/bin/env python3
"""Runs the project's own suite serially (-j 1) and at -j 8, several times each, and
checks that concurrency changes no verdict (issue 4). Prints the figures recorded in
docs/benchmarks.md.

usage: bench/runner/suite_concurrency.py [--tcpdrill build/cli/tcpdrill] [--repetitions 5]
                                          [--jobs 8] [SUITE_DIR]
"""
import argparse
import collections
import json
import os
import resource
import subprocess
import sys
import tempfile
import time


def run_suite(tcpdrill, suite, jobs, report):
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    subprocess.run([tcpdrill, "run", "-j", str(jobs), "--json", report, suite],
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    with open(report) as f:
        tests = json.load(f)["tests"]
    verdicts = {(t["path"], t["variant"]): t["verdict"] for t in tests}
    durations = {(t["path"], t["variant"]): t["duration_seconds"] for t in tests}
    messages = {(t["path"], t["variant"]): t.get("message") for t in tests if t["verdict"] != "pass"}
    return wall, cpu, verdicts, durations, messages


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tcpdrill", default="build/cli/tcpdrill")
    parser.add_argument("--repetitions", type=int, default=5)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("suite", nargs="?", default="scripts")
    args = parser.parse_args()

    runs = collections.defaultdict(list)
    with tempfile.TemporaryDirectory() as scratch:
        for repetition in range(args.repetitions):
            for jobs in (1, args.jobs):
                report = os.path.join(scratch, f"j{jobs}-{repetition}.json")
                runs[jobs].append(run_suite(args.tcpdrill, args.suite, jobs, report))
                wall, cpu, verdicts, _, _ = runs[jobs][-1]
                failed = sum(v != "pass" for v in verdicts.values())
                print(f"repetition {repetition + 1} -j{jobs}: {len(verdicts)} tests, "
                      f"{failed} not passed, wall {wall:.1f} s, cpu {cpu:.1f} s", flush=True)

    reference = runs[1][0][2]
    differing = set()
    for jobs, results in runs.items():
        for _, _, verdicts, _, _ in results:
            differing |= {key for key in reference if verdicts.get(key) != reference[key]}
    cores = os.cpu_count()
    for jobs, results in sorted(runs.items()):
        walls = sorted(r[0] for r in results)
        cpus = sorted(r[1] for r in results)
        longest = max(max(r[3].values()) for r in results)
        median_cpu = cpus[len(cpus) // 2]
        print(f"-j{jobs}: wall median {walls[len(walls) // 2]:.1f} s (min {walls[0]:.1f}, "
              f"max {walls[-1]:.1f}); cpu median {median_cpu:.1f} s; longest script "
              f"{longest:.1f} s; physical limit (longest + cpu/cores) "
              f"{longest + median_cpu / cores:.1f} s")
    print(f"tests whose verdict differed between any two runs: {len(differing)}")
    for path, variant in sorted(differing):
        seen = [r[2].get((path, variant)) for jobs in sorted(runs) for r in runs[jobs]]
        print(f"  {path} {variant}: {seen}")
        for jobs in sorted(runs):
            for r in runs[jobs]:
                if (path, variant) in r[4]:
                    print(f"    -j{jobs}: {r[4][(path, variant)]}")
    return 0 if not differing else 1


if __name__ == "__main__":
    sys.exit(main())
