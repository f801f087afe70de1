#include "runner/load_probe.h"

#include <gtest/gtest.h>

#include "tests/runner/temp_dir.h"

namespace tcpdrill::runner {
namespace {

using testing::TempDir;

TEST(LoadProbe, ParsesTheAggregateCpuLine) {
  // user nice system idle iowait irq softirq steal guest guest_nice
  const auto parsed = parse_cpu_line("cpu  100 5 45 800 50 0 0 0 0 0");
  ASSERT_TRUE(parsed);
  EXPECT_EQ((*parsed)[0], 145u);   // busy: user + system (+ irq, softirq, steal), not nice
  EXPECT_EQ((*parsed)[1], 1000u);  // total: guest time is already inside user
  EXPECT_FALSE(parse_cpu_line("cpu0 1 2 3 4"));
  EXPECT_FALSE(parse_cpu_line("cpu 1 2"));
  EXPECT_FALSE(parse_cpu_line(""));
}

TEST(LoadProbe, BusyFractionComesFromTheDifferenceOfTwoSamples) {
  TempDir dir;
  const auto stat = dir.write("stat", "cpu  100 0 0 900 0 0 0 0\ncpu0 1 1 1 1\n");
  ProcStatLoadProbe probe(stat.string(), std::chrono::milliseconds(0));
  EXPECT_DOUBLE_EQ(probe.busy_fraction(), 0.0);  // one sample says nothing yet
  dir.write("stat", "cpu  190 0 0 910 0 0 0 0\n");
  EXPECT_DOUBLE_EQ(probe.busy_fraction(), 0.9);  // 90 busy of 100 jiffies
  dir.write("stat", "cpu  200 0 0 1000 0 0 0 0\n");
  EXPECT_DOUBLE_EQ(probe.busy_fraction(), 0.1);
}

TEST(LoadProbe, SamplesTooCloseTogetherRepeatTheLastFigure) {
  TempDir dir;
  const auto stat = dir.write("stat", "cpu  100 0 0 900 0 0 0 0\n");
  ProcStatLoadProbe probe(stat.string(), std::chrono::hours(1));
  probe.busy_fraction();
  dir.write("stat", "cpu  200 0 0 900 0 0 0 0\n");
  EXPECT_DOUBLE_EQ(probe.busy_fraction(), 0.0);
}

TEST(LoadProbe, UnreadableStatNeverHoldsTestsBack) {
  ProcStatLoadProbe probe("/nonexistent/stat", std::chrono::milliseconds(0));
  EXPECT_DOUBLE_EQ(probe.busy_fraction(), 0.0);
  EXPECT_DOUBLE_EQ(probe.busy_fraction(), 0.0);
}

TEST(LoadProbe, ReadsTheLoadAverage) {
  TempDir dir;
  const auto loadavg = dir.write("loadavg", "0.52 1.25 2.00 3/456 7890\n");
  const auto load = read_load_average(loadavg.string());
  ASSERT_TRUE(load);
  EXPECT_DOUBLE_EQ((*load)[0], 0.52);
  EXPECT_DOUBLE_EQ((*load)[2], 2.0);
  EXPECT_FALSE(read_load_average("/nonexistent/loadavg"));
}

}  // namespace
}  // namespace tcpdrill::runner
