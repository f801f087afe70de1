#include "runner/script_discovery.h"

#include <algorithm>
#include <set>

#include "parser/regular_file.h"
#include "runner/usage_error.h"

namespace tcpdrill::runner {
namespace fs = std::filesystem;
namespace {

Script load_script(const fs::path& file, std::string name, fs::path display) {
  Script script;
  script.name = std::move(name);
  script.display_path = std::move(display);
  std::error_code ec;
  script.absolute_path = fs::absolute(file, ec);
  if (ec) script.absolute_path = file;

  std::string text;
  try {
    text = read_regular_file(file.string());
  } catch (const RegularFileError& error) {
    script.unreadable_reason = error.what();
    return script;
  }
  script.pinned = pinned_variant(text);
  return script;
}

void collect_directory(const fs::path& root, std::vector<Script>& out) {
  std::error_code ec;
  const std::size_t before = out.size();
  fs::recursive_directory_iterator it(root, fs::directory_options::follow_directory_symlink, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::path& path = it->path();
    if (path.extension() != ".pkt") continue;
    std::error_code kind_ec;
    if (it->is_directory(kind_ec)) continue;
    // Anything else named *.pkt (a dangling link, a file without permission) is a
    // script the user expects to run: report it, never drop it silently.
    const std::string name = path.lexically_relative(root).generic_string();
    out.push_back(load_script(path, name, path));
  }
  if (ec) throw UsageError("cannot list " + root.string() + ": " + ec.message());
  if (out.size() == before) throw UsageError("no *.pkt scripts under " + root.string());
}

}  // namespace

std::vector<Script> discover_scripts(const std::vector<std::string>& paths) {
  if (paths.empty()) throw UsageError("no PATH given (a .pkt file or a directory of them)");
  std::vector<Script> scripts;
  for (const std::string& arg : paths) {
    const fs::path path(arg);
    std::error_code ec;
    const fs::file_status status = fs::status(path, ec);
    if (!fs::exists(status)) throw MissingPathError("no such file or directory: " + arg);
    if (fs::is_directory(status)) {
      collect_directory(path, scripts);
    } else if (const auto kind = non_regular_kind(arg)) {
      throw UsageError(arg + " is " + *kind + ", neither a script nor a directory of them");
    } else {
      scripts.push_back(load_script(path, path.filename().string(), path));
    }
  }
  // Overlapping PATHs ("dir" and "dir/x.pkt") must not run a script twice.
  std::set<fs::path> seen;
  std::erase_if(scripts, [&](const Script& script) {
    return !seen.insert(script.absolute_path.lexically_normal()).second;
  });
  std::sort(scripts.begin(), scripts.end(), [](const Script& a, const Script& b) {
    return a.display_path < b.display_path;
  });
  return scripts;
}

std::vector<TestCase> plan_test_cases(const std::vector<Script>& scripts,
                                      const std::vector<Variant>& selected) {
  std::vector<TestCase> cases;
  for (const Script& script : scripts) {
    const std::string file_name = fs::path(script.name).filename().string();
    for (Variant variant : variants_for_script(file_name, script.pinned, selected)) {
      cases.push_back(TestCase{script, variant});
    }
  }
  return cases;
}

}  // namespace tcpdrill::runner
