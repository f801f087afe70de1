#pragma once

#include <filesystem>
#include <optional>

#include "runner/run_options.h"
#include "runner/test_result.h"

namespace tcpdrill::runner {

// Where the children of a run write their files: pcaps go to --capture, else to --html;
// timelines to --trace-state; pictures to --html (not under --vm, whose guests hand back
// only pcaps).
struct AttemptFileDirs {
  std::optional<std::filesystem::path> capture, timeline, picture;
  bool keep_every_capture = false;  // --capture-all
};
AttemptFileDirs attempt_file_dirs(const RunOptions& options);

// Notes in each attempt the files its child left, after deleting the captures of
// attempts that did not fail (passes and skips) unless keep_every_capture.
void collect_attempt_files(SuiteResult& suite, const AttemptFileDirs& dirs);

}  // namespace tcpdrill::runner
