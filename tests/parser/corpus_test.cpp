#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "parse_test_support.h"
#include "parser/diagnostic.h"

namespace tcpdrill::test {
namespace {

namespace fs = std::filesystem;

std::vector<fs::path> scripts_in(const fs::path& directory) {
  std::vector<fs::path> scripts;
  for (const fs::directory_entry& entry : fs::directory_iterator(directory)) {
    if (entry.path().extension() == ".pkt") scripts.push_back(entry.path());
  }
  std::sort(scripts.begin(), scripts.end());
  return scripts;
}

std::string read_file(const fs::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

void expect_parses(const fs::path& path) {
  std::string text = read_file(path);
  try {
    parse_script(path.string(), text, {});
  } catch (const ScriptError& error) {
    ADD_FAILURE() << format_diagnostic(error, text);
  }
}

TEST(Corpus, GoodScriptsParse) {
  std::vector<fs::path> scripts = scripts_in(fs::path(TCPDRILL_PARSER_CORPUS_DIR) / "good");
  ASSERT_GE(scripts.size(), 10u);
  for (const fs::path& path : scripts) expect_parses(path);
}

// The seed examples sit beside the repository on the team's machines; a clone elsewhere
// has none, and its README test command must still pass.
TEST(Corpus, SharedExamplesParse) {
  if (!fs::is_directory(TCPDRILL_SHARED_EXAMPLES_DIR)) {
    GTEST_SKIP() << "no seed examples at " << TCPDRILL_SHARED_EXAMPLES_DIR;
  }
  std::vector<fs::path> scripts = scripts_in(TCPDRILL_SHARED_EXAMPLES_DIR);
  ASSERT_FALSE(scripts.empty());
  for (const fs::path& path : scripts) expect_parses(path);
}

// Each bad script starts with `// error: <substring of the expected message>`.
TEST(Corpus, BadScriptsFailWithTheirStatedError) {
  std::vector<fs::path> scripts = scripts_in(fs::path(TCPDRILL_PARSER_CORPUS_DIR) / "bad");
  ASSERT_GE(scripts.size(), 10u);
  const std::string marker = "// error: ";
  for (const fs::path& path : scripts) {
    SCOPED_TRACE(path.string());
    std::string text = read_file(path);
    ASSERT_EQ(text.rfind(marker, 0), 0u) << "first line must be '// error: ...'";
    std::string expected = text.substr(marker.size(), text.find('\n') - marker.size());
    try {
      parse_script(path.string(), text, {});
      ADD_FAILURE() << "parsed without error";
    } catch (const ScriptError& error) {
      EXPECT_NE(std::string(error.what()).find(expected), std::string::npos) << error.what();
      EXPECT_GT(error.where().line, 1u);
      EXPECT_GT(error.where().column, 0u);
    }
  }
}

}  // namespace
}  // namespace tcpdrill::test
