#pragma once

namespace tcpdrill::runner {

// `tcpdrill diff OLD.json NEW.json`: compares two `tcpdrill run --json` reports and lists
// every test (path + variant) whose verdict changed, with both failure messages.
// argv[0] is the subcommand name ("diff").
// Returns 0 when no verdict changed, 1 when some did, 2 on a usage error or an
// unreadable/invalid report (one line on stderr).
int diff_command(int argc, char** argv);

}  // namespace tcpdrill::runner
