#!/usr/bin/env python3
"""What a trivial script (socket, close) costs as a process, tcpdrill against packetdrill
(issue 11: at most 1/8 of packetdrill's CPU and wall time). Runs the two tools in turn,
each in a fresh network namespace as packetdrill's own runners do, and prints the
medians and their ratios recorded in docs/benchmarks.md. CPU is the process's and its
children's (tcpdrill's namespace sweeper included), from wait4().

usage: bench/runtime/trivial_script_cost.py --packetdrill PATH [--tcpdrill build/cli/tcpdrill]
                                            [--runs 40]
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

SCRIPT = """0 socket(..., SOCK_STREAM, IPPROTO_TCP) = 3
+0 close(3) = 0
"""


def run_once(tool, script):
    start = time.monotonic()
    process = subprocess.Popen(["unshare", "-n", tool, script],
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    if process.returncode != 0:
        raise SystemExit(f"{tool} failed ({process.returncode}): {error}")
    return wall, usage.ru_utime + usage.ru_stime


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tcpdrill", default="build/cli/tcpdrill")
    parser.add_argument("--packetdrill", required=True)
    parser.add_argument("--runs", type=int, default=40)
    args = parser.parse_args()

    results = {"packetdrill": [], "tcpdrill": []}
    with tempfile.TemporaryDirectory() as scratch:
        script = os.path.join(scratch, "trivial.pkt")
        with open(script, "w") as f:
            f.write(SCRIPT)
        for _ in range(args.runs):
            results["packetdrill"].append(run_once(args.packetdrill, script))
            results["tcpdrill"].append(run_once(args.tcpdrill, script))

    medians = {}
    for tool, runs in results.items():
        wall = statistics.median(r[0] for r in runs) * 1e3
        cpu = statistics.median(r[1] for r in runs) * 1e3
        medians[tool] = (wall, cpu)
        print(f"{tool}: median wall {wall:.1f} ms, median CPU {cpu:.1f} ms over {len(runs)} runs")
    print(f"tcpdrill / packetdrill: wall {medians['tcpdrill'][0] / medians['packetdrill'][0]:.3f}, "
          f"CPU {medians['tcpdrill'][1] / medians['packetdrill'][1]:.3f} (target <= 0.125)")


if __name__ == "__main__":
    main()
