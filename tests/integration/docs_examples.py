#!/usr/bin/env python3
"""The docs' examples are what they claim to be.

1. A code block that follows a link to a script under scripts/ (within four lines) is
   that script, or a run of consecutive lines of it: the tutorial shows the files CI runs.
2. Commands run as written: every line of the `sh` blocks of the command-line pages
   (WHOLE_PAGES), and the `build/cli/tcpdrill` lines of the `sh` blocks of README.md
   and the tutorial, each in `sh -c` from a scratch directory holding a copy of
   scripts/, build/cli/tcpdrill and `tcpdrill` on the PATH. A line must exit 0, or the
   code its trailing `# exit N` comment names (a failure on a timing check only is
   retried).

usage: docs_examples.py TCPDRILL SOURCE_DIR
Exit 77 (a skip) when the commands cannot run here: not root or no /dev/net/tun.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

WHOLE_PAGES = ["docs/ci.md", "docs/cli.md", "docs/packetdrill-users.md"]
TCPDRILL_LINES_PAGES = ["README.md", "docs/tutorial.md"]
SCRIPT_LINK = re.compile(r"\]\((?:\.\./)?(scripts/[^)]+\.pkt)\)")
EXPECTED_EXIT = re.compile(r"#\s*exit\s+(\d+)\s*$")
# A command that failed on a timing check only is run again, as CI's suite run does
# (--retry-timing): a loaded host stalls now and then, and the page is not wrong.
TIMING_ATTEMPTS = 3


def code_blocks(text):
    """(info string, first line index, lines) of every fenced block."""
    lines = text.split("\n")
    blocks, index = [], 0
    while index < len(lines):
        if lines[index].startswith("```"):
            info, start = lines[index][3:].strip(), index
            index += 1
            body = []
            while index < len(lines) and not lines[index].startswith("```"):
                body.append(lines[index])
                index += 1
            blocks.append((info, start, body))
        index += 1
    return lines, blocks


def is_excerpt(block, script_lines):
    for start in range(len(script_lines) - len(block) + 1):
        if script_lines[start:start + len(block)] == block:
            return True
    return False


def check_script_excerpts(source, page, errors):
    lines, blocks = code_blocks(open(os.path.join(source, page)).read())
    for _, start, body in blocks:
        context = "\n".join(lines[max(0, start - 4):start])
        links = SCRIPT_LINK.findall(context)
        if not links:
            continue
        script = os.path.join(source, links[-1])
        script_lines = open(script).read().split("\n")
        if not is_excerpt(body, script_lines):
            errors.append(f"{page}:{start + 1}: the block is not a part of {links[-1]}")


def commands(source, page, whole):
    _, blocks = code_blocks(open(os.path.join(source, page)).read())
    for info, start, body in blocks:
        if info != "sh":
            continue
        for offset, line in enumerate(body):
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if whole or line.startswith("build/cli/tcpdrill "):
                yield f"{page}:{start + 2 + offset}", line


def can_run_scripts():
    return os.geteuid() == 0 and os.path.exists("/dev/net/tun")


def run_commands(tcpdrill, source, errors):
    with tempfile.TemporaryDirectory(prefix="tcpdrill-docs-") as scratch:
        shutil.copytree(os.path.join(source, "scripts"), os.path.join(scratch, "scripts"))
        os.makedirs(os.path.join(scratch, "build", "cli"))
        os.symlink(tcpdrill, os.path.join(scratch, "build", "cli", "tcpdrill"))
        bin_dir = os.path.join(scratch, ".bin")
        os.makedirs(bin_dir)
        os.symlink(tcpdrill, os.path.join(bin_dir, "tcpdrill"))
        environment = dict(os.environ, PATH=bin_dir + os.pathsep + os.environ["PATH"])
        pages = [(page, True) for page in WHOLE_PAGES] + \
                [(page, False) for page in TCPDRILL_LINES_PAGES]
        count = 0
        for page, whole in pages:
            for where, line in commands(source, page, whole):
                match = EXPECTED_EXIT.search(line)
                expected = int(match.group(1)) if match else 0
                for _ in range(TIMING_ATTEMPTS):
                    done = subprocess.run(["sh", "-c", line], cwd=scratch, env=environment,
                                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                          text=True, timeout=300)
                    if done.returncode == expected or "timing error" not in done.stdout:
                        break
                count += 1
                if done.returncode != expected:
                    errors.append(f"{where}: `{line}` exited {done.returncode}, not "
                                  f"{expected}:\n{done.stdout[-2000:]}")
        return count


def main():
    tcpdrill, source = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    errors = []
    for page in ["README.md"] + sorted("docs/" + name for name in os.listdir(
            os.path.join(source, "docs")) if name.endswith(".md")):
        check_script_excerpts(source, page, errors)
    if not can_run_scripts():
        print("\n".join(errors) or "script excerpts match")
        print("skipped running the commands: needs root and /dev/net/tun")
        return 1 if errors else 77
    count = run_commands(tcpdrill, source, errors)
    if errors:
        print("\n".join(errors))
        return 1
    print(f"script excerpts match; {count} commands ran as written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
