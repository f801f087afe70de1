#!/usr/bin/env python3
"""Compares the packet timelines of two or more `tcpdrill run --capture DIR` runs.

For every capture present in all the runs, the timeline is the time of each packet
(injected or sniffed) relative to the capture's first packet. The runs agree on a test
when every run has the same number of packets and every packet's time is within the
tolerance of the first run's. Prints one line per test that differs and a summary:
tests compared, the largest deviation, and how many captures are identical byte for
byte (timestamps and sequence numbers included). Exit status 1 when a timeline
differs by more than the tolerance or a test's capture is missing from a run.

    compare_timelines.py [--tolerance-us N] DIR1 DIR2 [DIR3 ...]
"""
import argparse
import os
import struct
import sys


def read_pcap(path):
    """(seconds, bytes) of each record; microsecond or nanosecond pcap."""
    with open(path, 'rb') as f:
        data = f.read()
    magic = struct.unpack_from('<I', data, 0)[0]
    scale = {0xa1b2c3d4: 1e-6, 0xa1b23c4d: 1e-9}.get(magic)
    if scale is None:
        raise ValueError(f'{path}: not a little-endian pcap file')
    records, offset = [], 24
    while offset + 16 <= len(data):
        sec, frac, caplen, _ = struct.unpack_from('<IIII', data, offset)
        offset += 16
        records.append((sec + frac * scale, data[offset:offset + caplen]))
        offset += caplen
    return records


def timeline(records):
    if not records:
        return []
    start = records[0][0]
    return [t - start for t, _ in records]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    parser.add_argument('--tolerance-us', type=float, default=10.0)
    parser.add_argument('dirs', nargs='+')
    args = parser.parse_args()
    if len(args.dirs) < 2:
        parser.error('need at least two capture directories')
    names = sorted(n for n in os.listdir(args.dirs[0]) if n.endswith('.pcap'))
    if not names:
        print(f'{args.dirs[0]}: no captures', file=sys.stderr)
        return 1
    worst, identical, failures = 0.0, 0, 0
    for name in names:
        paths = [os.path.join(d, name) for d in args.dirs]
        missing = [p for p in paths if not os.path.exists(p)]
        if missing:
            print(f'{name}: missing in {", ".join(missing)}')
            failures += 1
            continue
        runs = [read_pcap(p) for p in paths]
        base = timeline(runs[0])
        deviation = 0.0
        for other in runs[1:]:
            times = timeline(other)
            if len(times) != len(base):
                print(f'{name}: {len(base)} packets in one run, {len(times)} in another')
                deviation = float('inf')
                break
            deviation = max([deviation] + [abs(a - b) for a, b in zip(base, times)])
        worst = max(worst, deviation)
        if deviation * 1e6 > args.tolerance_us:
            print(f'{name}: timelines differ by {deviation * 1e6:.1f} us')
            failures += 1
        contents = {open(p, 'rb').read() for p in paths}
        identical += len(contents) == 1
    print(f'{len(names)} tests compared over {len(args.dirs)} runs: largest deviation '
          f'{worst * 1e6:.1f} us (tolerance {args.tolerance_us:g} us), '
          f'{failures} differ, {identical} captures identical byte for byte')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
