#!/usr/bin/env python3
"""Runs packetdrill's suite or the kernel's packetdrill selftests under packetdrill and
under tcpdrill invoked as `packetdrill`, interleaved run by run, the way each suite's own
runner invokes a script, and compares the verdicts (docs/compatibility.md).

  packetdrill suite (run_all.py): in the script's directory, a fresh network namespace
    with lo up, --send_omit_free, the variant's addresses and defines; ipv4, mapped and
    ipv6, minus ipv6 for *v4.pkt and the ipv4 ones for *v6.pkt.
  kselftest (ksft_runner.sh): in the script's directory, `unshare -n`, the variant's
    addresses and defines, only the variant a script names on an `--ip_version=` line.

Optionally keeps every core busy with a normal-priority spinner (--spin). Prints the
failures per script, variant and tool, then the cells whose majority verdicts differ,
and writes every run to --log (JSON lines).

usage: bench/runtime/verdict_parity.py --packetdrill PATH --suite packetdrill|kselftest
           --tests DIR [--only PATH ...] [--variants ipv4 ...] [--tcpdrill build/cli/tcpdrill] [--rounds 1]
           [--spin] [--log FILE]
DIR is packetdrill's gtests/net/tcp or the kernel's tools/testing/selftests/net/packetdrill.
The timing-sensitive scripts of docs/compatibility.md D3, 40 rounds:
  --suite packetdrill --rounds 40 --only sack/sack-shift-sacked-7-3-4-8-9-fack.pkt
      sack/sack-shift-sacked-7-5-6-8-9-fack.pkt eor/no-coalesce-retrans.pkt
"""
import argparse
import collections
import json
import multiprocessing
import os
import re
import subprocess
import tempfile
import time

IPV4 = ["--local_ip=192.168.0.1", "--gateway_ip=192.168.0.1", "--netmask_ip=255.255.0.0",
        "--remote_ip=192.0.2.1", "-D", "TFO_COOKIE=3021b9d889017eeb"]
IPV6 = ["--mtu=1520", "--local_ip=fd3d:0a0b:17d6::1", "--gateway_ip=fd3d:0a0b:17d6:8888::1",
        "--remote_ip=fd3d:fa7b:d17d::1", "-D", "TFO_COOKIE=c1d1e9742a47a9bc"]
CMSG_IP = ["-D", "CMSG_LEVEL_IP=SOL_IP", "-D", "CMSG_TYPE_RECVERR=IP_RECVERR"]
CMSG_IPV6 = ["-D", "CMSG_LEVEL_IP=SOL_IPV6", "-D", "CMSG_TYPE_RECVERR=IPV6_RECVERR"]

PACKETDRILL_SUITE = {
    "ipv4": ["--send_omit_free", "--ip_version=ipv4", *IPV4, "-D", "CODE=host_unreachable", *CMSG_IP],
    "mapped": ["--send_omit_free", "--ip_version=ipv4-mapped-ipv6", *IPV4,
               "-D", "CODE=host_unreachable", *CMSG_IPV6],
    "ipv6": ["--send_omit_free", "--ip_version=ipv6", *IPV6, *CMSG_IPV6],
}
KSELFTEST = {
    "ipv4": ["--ip_version=ipv4", *IPV4, "-D", "TFO_COOKIE_ZERO=b7c12350a90dc8f5", *CMSG_IP],
    "ipv6": ["--ip_version=ipv6", *IPV6, "-D", "TFO_COOKIE_ZERO=82af1a8f9a205c34", *CMSG_IPV6],
}


def variants_of(suite, path):
    if suite == "packetdrill":
        names = []
        if not path.endswith("v6.pkt"):
            names += ["ipv4", "mapped"]
        if not path.endswith("v4.pkt"):
            names.append("ipv6")
        return names
    with open(path, errors="replace") as script:
        named = re.findall(r"^--ip_version=(\S+)", script.read(), re.MULTILINE)
    return named or ["ipv4", "ipv6"]


def command(suite, tool, variant, name):
    flags = (PACKETDRILL_SUITE if suite == "packetdrill" else KSELFTEST)[variant]
    if suite == "packetdrill":
        return ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh", tool, *flags, name]
    return ["unshare", "-n", tool, *flags, name]


def run(suite, tool, path, variant):
    directory, name = os.path.split(path)
    start = time.monotonic()
    try:
        done = subprocess.run(command(suite, tool, variant, name), cwd=directory,
                              capture_output=True, text=True, timeout=180)
        code, stderr = done.returncode, done.stderr
    except subprocess.TimeoutExpired:
        code, stderr = -1, "killed after 180 s"
    error = next((line for line in stderr.splitlines() if "error" in line or "late" in line), "")
    return {"exit": code, "seconds": round(time.monotonic() - start, 3), "error": error,
            "stderr": stderr[-2000:]}


def spin():
    while True:
        pass


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--packetdrill", required=True)
    parser.add_argument("--tcpdrill", default="build/cli/tcpdrill")
    parser.add_argument("--suite", choices=["packetdrill", "kselftest"], required=True)
    parser.add_argument("--tests", required=True)
    parser.add_argument("--only", nargs="*", default=None, help="scripts relative to --tests")
    parser.add_argument("--variants", nargs="*", default=None, help="only these (ipv4, mapped, ipv6)")
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--spin", action="store_true")
    parser.add_argument("--log", default=None)
    args = parser.parse_args()

    tests = os.path.abspath(args.tests)
    scripts = args.only or sorted(
        os.path.relpath(os.path.join(root, name), tests)
        for root, _, names in os.walk(tests) for name in names if name.endswith(".pkt"))
    cells = [(script, variant) for script in scripts
             for variant in variants_of(args.suite, os.path.join(tests, script))
             if not args.variants or variant in args.variants]

    spinners = [multiprocessing.Process(target=spin, daemon=True)
                for _ in range(os.cpu_count() if args.spin else 0)]
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
                for script, variant in cells:
                    for tool in order:
                        result = run(args.suite, tools[tool], os.path.join(tests, script), variant)
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

    def majority_fails(script, variant, tool):
        return 2 * failures[(script, variant, tool)] > runs[(script, variant, tool)]

    differing = []
    for script, variant in cells:
        counts = ", ".join(f"{tool} {failures[(script, variant, tool)]}/{runs[(script, variant, tool)]}"
                           for tool in tools)
        if any(failures[(script, variant, tool)] for tool in tools):
            print(f"{script} {variant}: {counts}")
        if majority_fails(script, variant, "packetdrill") != majority_fails(script, variant, "tcpdrill"):
            differing.append(f"{script} {variant}: {counts}")
    print(f"{len(cells)} script/variants, {len(differing)} with different majority verdicts")
    for line in differing:
        print("  " + line)


if __name__ == "__main__":
    main()
