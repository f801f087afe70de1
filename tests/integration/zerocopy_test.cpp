// An MSG_ZEROCOPY send's buffers stay alive while the kernel may still read them,
// with or without --send_omit_free (packetdrill's zerocopy/maxfrags.pkt runs without it
// under the kernel's ksft_runner.sh).
#include <gtest/gtest.h>

#include "tcpdrill_process.h"

namespace tcpdrill::testing {
namespace {

const std::string kScripts = std::string(TCPDRILL_SOURCE_DIR) + "/tests/integration/scripts";
const std::string kScript = "zerocopy-send-behind-zero-window.pkt";

class ZerocopyTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    if (!running_as_root_with_tun()) GTEST_SKIP() << "needs root and /dev/net/tun";
  }
};

TEST_P(ZerocopyTest, QueuedZerocopyDataIsSentAsWritten) {
  std::vector<std::string> arguments;
  if (GetParam()) arguments.emplace_back("--send_omit_free");
  arguments.push_back(kScript);
  const ProcessOutcome outcome = run_tcpdrill(arguments, kScripts);
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
}

INSTANTIATE_TEST_SUITE_P(SendOmitFree, ZerocopyTest, ::testing::Bool(),
                         [](const auto& info) { return info.param ? "With" : "Without"; });

}  // namespace
}  // namespace tcpdrill::testing
