#!/bin/sh
# The command-line reference (docs/cli.md) and the man page (contrib/man/tcpdrill.1) name
# every flag that the help of each command prints, and the man page carries the
# program's version, so that neither falls behind the program. With groff installed, the
# man page must also format without a warning.
# usage: reference_lists_every_flag.sh TCPDRILL SOURCE_DIR
set -eu
tcpdrill=$1 source=$2
reference=$source/docs/cli.md man_page=$source/contrib/man/tcpdrill.1
status=0

help_text=$(
  "$tcpdrill" --help
  "$tcpdrill" run --help
  "$tcpdrill" check --help
  "$tcpdrill" diff --help
  "$tcpdrill" plot --help 2>&1 || true
)
flags=$(printf '%s\n' "$help_text" | grep -oE '(^|[][ ,(|])--?[a-zA-Z0-9][a-zA-Z0-9_-]*' |
        sed 's/^[^-]*//' | sort -u)
[ -n "$flags" ] || { echo "no flags found in the help"; exit 1; }

# The man page writes each '-' as '\-'.
man_text=$(sed 's/\\-/-/g' "$man_page")
for flag in $flags; do
  grep -qE -- "(^|[^a-zA-Z0-9_-])$flag([^a-zA-Z0-9_-]|\$)" "$reference" ||
    { echo "docs/cli.md does not name $flag"; status=1; }
  printf '%s\n' "$man_text" | grep -qE -- "(^|[^a-zA-Z0-9_-])$flag([^a-zA-Z0-9_-]|\$)" ||
    { echo "contrib/man/tcpdrill.1 does not name $flag"; status=1; }
done

version=$("$tcpdrill" --version | sed 's/^tcpdrill //')
grep -q "^\.TH TCPDRILL 1 .*\"tcpdrill $version\"" "$man_page" ||
  { echo "contrib/man/tcpdrill.1's .TH line does not say tcpdrill $version"; status=1; }

if command -v groff >/dev/null 2>&1; then
  warnings=$(groff -man -Tutf8 -ww -z "$man_page" 2>&1)
  [ -z "$warnings" ] || { echo "groff: $warnings"; status=1; }
fi
[ $status -ne 0 ] || echo "$(printf '%s\n' "$flags" | wc -l) flags named in both"
exit $status
