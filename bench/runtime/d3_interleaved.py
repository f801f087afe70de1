#!/usr/bin/env python3
"""The timing-sensitive scripts of docs/compatibility.md D3, run under packetdrill and
under tcpdrill invoked as `packetdrill`, interleaved, as packetdrill's suite runner runs
them: in the script's directory, in a fresh network namespace with lo up,
--send_omit_free and the variant's addresses and defines. Optionally keeps every core
busy with a normal-priority spinner meanwhile (--spin). Prints the failures per
script, variant and tool, and writes every run to --log (JSON lines).

usage: bench/runtime/d3_interleaved.py --packetdrill PATH --tests DIR
           [--tcpdrill build/cli/tcpdrill] [--rounds 40] [--spin] [--log FILE]
DIR is packetdrill's gtests/net/tcp.
"""
import argparse
import collections
import json
import multiprocessing
import os
import subprocess
import tempfile
import time

SCRIPTS = [
    "sack/sack-shift-sacked-7-3-4-8-9-fack.pkt",
    "sack/sack-shift-sacked-7-5-6-8-9-fack.pkt",
    "eor/no-coalesce-retrans.pkt",
]
IPV4_ADDRESSES = ["--local_ip=192.168.0.1", "--gateway_ip=192.168.0.1",
                  "--netmask_ip=255.255.0.0", "--remote_ip=192.0.2.1",
                  "-D", "TFO_COOKIE=3021b9d889017eeb", "-D", "CODE=host_unreachable"]
VARIANTS = {
    "ipv4": ["--ip_version=ipv4", *IPV4_ADDRESSES,
             "-D", "CMSG_LEVEL_IP=SOL_IP", "-D", "CMSG_TYPE_RECVERR=IP_RECVERR"],
    "mapped": ["--ip_version=ipv4-mapped-ipv6", *IPV4_ADDRESSES,
               "-D", "CMSG_LEVEL_IP=SOL_IPV6", "-D", "CMSG_TYPE_RECVERR=IPV6_RECVERR"],
    "ipv6": ["--ip_version=ipv6", "--mtu=1520", "--local_ip=fd3d:0a0b:17d6::1",
             "--gateway_ip=fd3d:0a0b:17d6:8888::1", "--remote_ip=fd3d:fa7b:d17d::1",
             "-D", "TFO_COOKIE=c1d1e9742a47a9bc",
             "-D", "CMSG_LEVEL_IP=SOL_IPV6", "-D", "CMSG_TYPE_RECVERR=IPV6_RECVERR"],
}


def spin():
    while True:
        pass


def run(tool, tests, script, variant):
    directory, name = os.path.split(os.path.join(tests, script))
    command = ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh",
               tool, "--send_omit_free", *VARIANTS[variant], name]
    start = time.monotonic()
    done = subprocess.run(command, cwd=directory, capture_output=True, text=True, timeout=120)
    error = next((line for line in done.stderr.splitlines() if "error" in line or "late" in line), "")
    return {"exit": done.returncode, "seconds": round(time.monotonic() - start, 3),
            "error": error, "stderr": done.stderr[-2000:]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--packetdrill", required=True)
    parser.add_argument("--tcpdrill", default="build/cli/tcpdrill")
    parser.add_argument("--tests", required=True)
    parser.add_argument("--rounds", type=int, default=40)
    parser.add_argument("--spin", action="store_true")
    parser.add_argument("--log", default=None)
    args = parser.parse_args()

    spinners = []
    if args.spin:
        spinners = [multiprocessing.Process(target=spin, daemon=True) for _ in range(os.cpu_count())]
        for spinner in spinners:
            spinner.start()
    failures = collections.Counter()
    runs = collections.Counter()
    with tempfile.TemporaryDirectory() as scratch:
        # tcpdrill under the name packetdrill takes packetdrill's defaults (TSO).
        as_packetdrill = os.path.join(scratch, "packetdrill")
        os.symlink(os.path.abspath(args.tcpdrill), as_packetdrill)
        tools = {"packetdrill": os.path.abspath(args.packetdrill), "tcpdrill": as_packetdrill}
        log = open(args.log, "a") if args.log else None
        try:
            for round_number in range(args.rounds):
                order = list(tools) if round_number % 2 == 0 else list(reversed(tools))
                for script in SCRIPTS:
                    for variant in VARIANTS:
                        for tool in order:
                            result = run(tools[tool], args.tests, script, variant)
                            key = (script, variant, tool)
                            runs[key] += 1
                            failures[key] += result["exit"] != 0
                            if log:
                                log.write(json.dumps({"round": round_number, "script": script,
                                                      "variant": variant, "tool": tool,
                                                      "spin": args.spin, **result}) + "\n")
                                log.flush()
                print(f"round {round_number + 1}: {sum(failures.values())} failures so far",
                      flush=True)
        finally:
            for spinner in spinners:
                spinner.terminate()
            if log:
                log.close()
    for script in SCRIPTS:
        for variant in VARIANTS:
            cells = [f"{tool} {failures[(script, variant, tool)]}/{runs[(script, variant, tool)]}"
                     for tool in tools]
            print(f"{script} {variant}: " + ", ".join(cells))


if __name__ == "__main__":
    main()
