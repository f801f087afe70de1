#!/usr/bin/env python3
"""Stalls one CPU at a time, as a hypervisor does when it deschedules a vCPU.

A shared CI machine loses its vCPUs for milliseconds now and then; under tcpdrill that
shows as an event a few ms late. This makes such stalls on purpose, so that the suite's
behaviour under them (and what --retry-timing buys) can be measured on a quiet machine:
every PERIOD seconds the next CPU in turn is held by a SCHED_FIFO 99 busy loop for
STALL milliseconds. Runs until killed; needs root for the real-time priority.

    bench/runner/vcpu_stall.py --period 0.5 --stall-ms 8 &
    build/cli/tcpdrill run -j2 scripts/
    kill %1
"""
import argparse
import itertools
import os
import sys
import time


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--period", type=float, default=0.5, help="seconds between stalls")
    parser.add_argument("--stall-ms", type=float, default=8.0, help="length of each stall")
    args = parser.parse_args()
    if args.period <= 0 or not 0 < args.stall_ms < 100:
        sys.exit("vcpu_stall: --period must be positive and --stall-ms between 0 and 100")
    try:
        os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(99))
    except PermissionError:
        sys.exit("vcpu_stall: SCHED_FIFO needs root (CAP_SYS_NICE)")
    stall = args.stall_ms / 1000
    for cpu in itertools.cycle(sorted(os.sched_getaffinity(0))):
        os.sched_setaffinity(0, {cpu})
        end = time.monotonic() + stall
        while time.monotonic() < end:
            pass
        time.sleep(args.period)


if __name__ == "__main__":
    main()
