#include <gtest/gtest.h>

#include "parse_test_support.h"

namespace tcpdrill::test {
namespace {

TEST(ScriptStructure, OptionsWithAndWithoutValues) {
  ast::Script script = parse("--ip_version=ipv4\n--verbose\n--tolerance_usecs=10000\n0 close(3) = 0\n");
  ASSERT_EQ(script.options.size(), 3u);
  EXPECT_EQ(script.options[0].name, "ip_version");
  EXPECT_EQ(script.options[0].value, "ipv4");
  EXPECT_EQ(script.options[1].name, "verbose");
  EXPECT_FALSE(script.options[1].value);
  EXPECT_EQ(script.options[2].value, "10000");
  EXPECT_EQ(script.options[2].location, (SourceLocation{3, 1}));
}

TEST(ScriptStructure, OptionValueMayBeQuotedOrAnAddress) {
  ast::Script script = parse("--local_ip=\"192.168.1.1\"\n--gateway_ip=fd00::1\n0 close(3) = 0\n");
  EXPECT_EQ(script.options[0].value, "192.168.1.1");
  EXPECT_EQ(script.options[1].value, "fd00::1");
}

TEST(ScriptStructure, InitAndCleanupCommands) {
  ast::Script script = parse("`./defaults.sh\nsysctl -q x=1\n`\n0 close(3) = 0\n`echo done`\n");
  ASSERT_TRUE(script.init_command);
  EXPECT_EQ(script.init_command->command, "./defaults.sh\nsysctl -q x=1\n");
  EXPECT_EQ(script.init_command->location, (SourceLocation{1, 1}));
  ASSERT_TRUE(script.cleanup_command);
  EXPECT_EQ(script.cleanup_command->command, "echo done");
  EXPECT_EQ(script.statements.size(), 1u);
}

TEST(ScriptStructure, ShellCommandEvent) {
  EXPECT_EQ(second_action<ast::ShellCommand>("+0 `nstat > /dev/null`").command, "nstat > /dev/null");
}

TEST(ScriptStructure, CodeBlockIsTrimmed) {
  ast::CodeBlock code = second_action<ast::CodeBlock>("+0 %{ assert tcpi_reordering == 3, {x} }%");
  EXPECT_EQ(code.code, "assert tcpi_reordering == 3, {x}");
}

TEST(ScriptStructure, MultiLineCodeBlock) {
  ast::CodeBlock code = second_action<ast::CodeBlock>("+0 %{\nprint(1)\nprint(2)\n}%");
  EXPECT_EQ(code.code, "\nprint(1)\nprint(2)\n");
}

TEST(ScriptStructure, CommentsAnywhere) {
  ast::Script script = parse("// line comment\n0 /* inline */ close(3) = 0 // trailing\n/* multi\nline */\n");
  EXPECT_EQ(script.statements.size(), 1u);
}

TEST(ScriptStructure, DefineFromCommandLineBecomesInteger) {
  ast::Script script = parse("0 write(3, ..., SIZE) = SIZE\n", {{"SIZE", "0x10"}});
  auto call = std::get<ast::Syscall>(event_at(script, 0).action);
  EXPECT_EQ(std::get<ast::IntegerLiteral>(call.arguments[2].value).value, 16);
}

TEST(ScriptStructure, DefineBecomesWordOrString) {
  ast::Script script = parse("0 setsockopt(3, LEVEL, TCP_CONGESTION, CC, 5) = 0\n",
                             {{"LEVEL", "SOL_TCP"}, {"CC", "\"cubic\""}});
  auto call = std::get<ast::Syscall>(event_at(script, 0).action);
  EXPECT_EQ(std::get<ast::Symbol>(call.arguments[1].value).name, "SOL_TCP");
  EXPECT_EQ(std::get<ast::StringLiteral>(call.arguments[3].value).bytes, "cubic");
}

TEST(ScriptStructure, DefineInsideScript) {
  ast::Script script = parse("--define=PORT=8080\n0 bind(3, ..., PORT) = 0\n");
  auto call = std::get<ast::Syscall>(event_at(script, 0).action);
  EXPECT_EQ(std::get<ast::IntegerLiteral>(call.arguments[2].value).value, 8080);
}

TEST(ScriptStructure, CommandLineDefineWinsOverScript) {
  ast::Script script = parse("--define=PORT=8080\n0 bind(3, ..., PORT) = 0\n", {{"PORT", "99"}});
  auto call = std::get<ast::Syscall>(event_at(script, 0).action);
  EXPECT_EQ(std::get<ast::IntegerLiteral>(call.arguments[2].value).value, 99);
}

TEST(ScriptStructure, ScriptPathIsKept) {
  EXPECT_EQ(parse_script("dir/a.pkt", "0 close(3) = 0", {}).path, "dir/a.pkt");
}

TEST(ScriptStructure, UnreadableFileIsAnErrorWithoutPosition) {
  try {
    parse_script_file("/nonexistent/x.pkt", {});
    FAIL() << "expected an error";
  } catch (const ScriptError& error) {
    EXPECT_EQ(error.file(), "/nonexistent/x.pkt");
    EXPECT_EQ(error.where(), (SourceLocation{0, 0}));
    EXPECT_NE(std::string(error.what()).find("cannot read script"), std::string::npos);
  }
}

}  // namespace
}  // namespace tcpdrill::test
