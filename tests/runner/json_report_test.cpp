#include "runner/json_report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/runner/report_validation.h"
#include "tests/runner/sample_suite.h"
#include "tests/runner/temp_dir.h"

namespace tcpdrill::runner {
namespace {

using nlohmann::json;
using testing::TempDir;

std::string json_text(const SuiteResult& suite) {
  std::ostringstream out;
  write_json_report(out, suite, testing::sample_info());
  return out.str();
}

TEST(JsonReport, ValidatesAgainstTheDocumentedSchema) {
  TempDir dir;
  const auto report = dir.write("report.json", json_text(testing::sample_suite()));
  const testing::SchemaCheck check = testing::validate_json_report(report.string());
  if (check.outcome == testing::SchemaCheck::Outcome::ValidatorMissing) GTEST_SKIP() << check.detail;
  EXPECT_EQ(check.outcome, testing::SchemaCheck::Outcome::Valid) << check.detail;
}

TEST(JsonReport, EmbedsTheStateTimelineAndNamesTheFiles) {
  TempDir dir;
  SuiteResult suite = testing::sample_suite();
  AttemptRecord& failed = suite.cases[1].attempts[0];
  failed.capture = dir.path() / "b.pcap";
  failed.timeline = dir.write("b.csv",
                              "time,line,event,socket,state,snd_cwnd,packet_no,direction,packet\n"
                              "0.100000,7,sniffed,4,ESTABLISHED,10,3,>,\"P. 1:1001(1000) ack 1\"\n");
  const auto report = dir.write("report.json", json_text(suite));
  const testing::SchemaCheck check = testing::validate_json_report(report.string());
  if (check.outcome != testing::SchemaCheck::Outcome::ValidatorMissing) {
    EXPECT_EQ(check.outcome, testing::SchemaCheck::Outcome::Valid) << check.detail;
  }
  const json test = json::parse(json_text(suite))["tests"][1];
  EXPECT_EQ(test["attempts"][0]["capture"], (dir.path() / "b.pcap").generic_string());
  const json& timeline = test["state_timeline"];
  ASSERT_TRUE(timeline.is_object()) << test.dump();
  EXPECT_EQ(timeline["columns"][0], "time");
  ASSERT_EQ(timeline["rows"].size(), 1u);
  const json& row = timeline["rows"][0];
  EXPECT_EQ(row[0], 0.1);
  EXPECT_EQ(row[4], "ESTABLISHED");
  EXPECT_EQ(row[6], 10);        // snd_cwnd
  EXPECT_EQ(row[5], nullptr);   // ca_state: not in the file
  EXPECT_FALSE(json::parse(json_text(testing::sample_suite()))["tests"][1].contains("state_timeline"));
}

TEST(JsonReport, CarriesRunFactsAndPerTestFields) {
  const json report = json::parse(json_text(testing::sample_suite()));
  EXPECT_EQ(report["schema_version"], 1);
  EXPECT_EQ(report["kernel_release"], "6.1.0-test");
  EXPECT_EQ(report["tcpdrill_version"], "0.1.0");
  EXPECT_EQ(report["start_time"], "2027-01-15T08:00:00Z");
  EXPECT_EQ(report["load_average"], json::array({0.5, 0.25, 0.125}));
  EXPECT_EQ(report["totals"]["passed"], 2);
  EXPECT_EQ(report["totals"]["failed"], 2);
  EXPECT_EQ(report["totals"]["flaky"], 1);
  ASSERT_EQ(report["tests"].size(), 6u);
  const json& fail = report["tests"][1];
  EXPECT_EQ(fail["name"], "dir/b.pkt");
  EXPECT_EQ(fail["path"], "suite/dir/b.pkt");
  EXPECT_EQ(fail["variant"], "ipv6");
  EXPECT_EQ(fail["verdict"], "fail");
  EXPECT_EQ(fail["script_line"], 7);
  EXPECT_EQ(fail["message"], "b.pkt:7:9: error: bad <mss> & \"win\"  ?");
  EXPECT_NE(fail["log"].get<std::string>().find("7 | +0 < S"), std::string::npos);
  EXPECT_DOUBLE_EQ(fail["duration_seconds"].get<double>(), 0.25);
  const json& pass = report["tests"][0];
  EXPECT_TRUE(pass["message"].is_null());
  EXPECT_TRUE(pass["log"].is_null());
  const json& flaky = report["tests"][5];
  EXPECT_EQ(flaky["verdict"], "flaky");
  EXPECT_DOUBLE_EQ(flaky["pass_ratio"].get<double>(), 0.5);
  EXPECT_EQ(flaky["attempts"].size(), 2u);
  EXPECT_EQ(report["tests"][4]["verdict"], "passed_on_retry");
}

TEST(JsonReport, LoadsBackWhatItWrote) {
  TempDir dir;
  const auto file = dir.write("r.json", json_text(testing::sample_suite()));
  const auto entries = load_json_report(file);
  ASSERT_EQ(entries.size(), 6u);
  EXPECT_EQ(entries[1].name, "dir/b.pkt");
  EXPECT_EQ(entries[1].variant, "ipv6");
  EXPECT_EQ(entries[1].verdict, "fail");
  EXPECT_EQ(entries[1].message, "b.pkt:7:9: error: bad <mss> & \"win\"  ?");
}

TEST(JsonReport, InterruptedRunListsWhatItDidNotFinishAsSkipped) {
  TempDir dir;
  const auto file = dir.write("r.json", json_text(testing::interrupted_suite()));
  const json report = json::parse(json_text(testing::interrupted_suite()));
  EXPECT_EQ(report["interrupted"], true);
  EXPECT_EQ(report["tests"].size(), 6u);
  EXPECT_EQ(report["totals"]["skipped"], 4);
  EXPECT_EQ(report["tests"][5]["name"], "f.pkt");
  EXPECT_EQ(report["tests"][5]["verdict"], "skip");
  EXPECT_EQ(report["tests"][5]["message"], "not run: the run was interrupted (SIGINT)");
  EXPECT_EQ(report["tests"][5]["runs"], 0);
  const testing::SchemaCheck check = testing::validate_json_report(file.string());
  if (check.outcome == testing::SchemaCheck::Outcome::ValidatorMissing) GTEST_SKIP() << check.detail;
  EXPECT_EQ(check.outcome, testing::SchemaCheck::Outcome::Valid) << check.detail;
}

TEST(JsonReport, RejectsFilesThatAreNotReports) {
  TempDir dir;
  try {
    load_json_report(dir.path());
    ADD_FAILURE() << "read a directory as a report";
  } catch (const std::runtime_error& error) {
    EXPECT_EQ(std::string(error.what()), dir.path().string() + " is a directory, not a regular file");
  }
  EXPECT_THROW(load_json_report(dir.path() / "missing.json"), std::runtime_error);
  EXPECT_THROW(load_json_report(dir.write("bad.json", "{not json")), std::runtime_error);
  EXPECT_THROW(load_json_report(dir.write("other.json", "{\"a\": 1}")), std::runtime_error);
  EXPECT_THROW(load_json_report(dir.write("entry.json", "{\"tests\": [{\"name\": 1}]}")), std::runtime_error);
}

}  // namespace
}  // namespace tcpdrill::runner
