#include "runner/html_report.h"

#include <gtest/gtest.h>

#include <sstream>

#include "tests/runner/sample_suite.h"

namespace tcpdrill::runner {
namespace {

std::string page(const SuiteResult& suite) {
  std::ostringstream out;
  write_html_report(out, "/reports/html", suite, testing::sample_info());
  return out.str();
}

std::size_t count(const std::string& text, const std::string& needle) {
  std::size_t found = 0;
  for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at + 1)) ++found;
  return found;
}

TEST(HtmlReport, SummaryAndOneRowPerTest) {
  const std::string html = page(testing::sample_suite());
  EXPECT_EQ(html.rfind("<!DOCTYPE html>\n", 0), 0u);
  EXPECT_NE(html.find("<p id=\"summary\">2 passed, 2 failed, 1 skipped, 1 flaky &middot; wall time 1.50 s"
                      " &middot; kernel 6.1.0-test"),
            std::string::npos)
      << html;
  EXPECT_EQ(count(html, "<tr class=\"test\""), 6u);
  for (const char* verdict : {"pass", "fail", "skip", "timeout", "passed_on_retry", "flaky"})
    EXPECT_NE(html.find(std::string("data-verdict=\"") + verdict + "\""), std::string::npos) << verdict;
}

TEST(HtmlReport, FailuresGetTheirReportEscaped) {
  const std::string html = page(testing::sample_suite());
  // fail, timeout and flaky: a section each, linked from their rows.
  EXPECT_EQ(count(html, "<section class=\"failure\""), 3u);
  EXPECT_NE(html.find("<a href=\"#t-dir_b_pkt-ipv6\">dir/b.pkt</a>"), std::string::npos) << html;
  EXPECT_NE(html.find("<pre class=\"report\">b.pkt:7:9: error: bad &lt;mss&gt; &amp; &quot;win&quot;"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("  7 | +0 &lt; S 0:0(0) win &lt;1000&gt;"), std::string::npos);
}

TEST(HtmlReport, LinksFilesRelativeToThePage) {
  SuiteResult suite = testing::sample_suite();
  AttemptRecord& failed = suite.cases[1].attempts[0];
  failed.capture = "/reports/html/b_ipv6.pcap";
  failed.picture = "/reports/html/b_ipv6.svg";
  failed.timeline = "/reports/trace/b_ipv6.csv";
  const std::string html = page(suite);
  EXPECT_NE(html.find("<a class=\"pcap\" href=\"b_ipv6.pcap\">pcap</a>"), std::string::npos) << html;
  EXPECT_NE(html.find("<img class=\"plot\" src=\"b_ipv6.svg\""), std::string::npos);
  EXPECT_NE(html.find("href=\"../trace/b_ipv6.csv\">state timeline (CSV)</a>"), std::string::npos);
}

}  // namespace
}  // namespace tcpdrill::runner
