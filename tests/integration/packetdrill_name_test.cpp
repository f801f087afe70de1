// tcpdrill installed as `packetdrill` (a symlink, as the kernel's ksft_runner.sh finds
// it on PATH) takes packetdrill's defaults: tun0 offers TSO unless --offload says
// otherwise.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "tcpdrill_process.h"

namespace tcpdrill::testing {
namespace {

const std::string kScripts = std::string(TCPDRILL_SOURCE_DIR) + "/tests/integration/scripts";
// Passes when the kernel sends MSS-sized segments, fails on a TSO super-packet.
const std::string kScript = "first-segment-of-a-write.pkt";

class PacketdrillNameTest : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!running_as_root_with_tun()) GTEST_SKIP() << "needs root and /dev/net/tun";
    directory_ = std::filesystem::temp_directory_path() / ("tcpdrill_as_packetdrill_" + std::to_string(getpid()));
    std::filesystem::create_directories(directory_);
    std::filesystem::create_symlink(TCPDRILL_BINARY, directory_ / "packetdrill");
  }
  void TearDown() override { std::filesystem::remove_all(directory_); }

  ProcessOutcome run_as_packetdrill(std::vector<std::string> arguments) const {
    arguments.push_back(kScript);
    return run_tcpdrill_as(directory_ / "packetdrill", arguments, kScripts);
  }

  std::filesystem::path directory_;
};

TEST_F(PacketdrillNameTest, OffersTsoByDefaultAsPacketdrillDoes) {
  const ProcessOutcome outcome = run_as_packetdrill({});
  EXPECT_EQ(outcome.exit_code, 1) << outcome.err;
  EXPECT_NE(outcome.err.find("live packet payload: expected 1000 bytes vs actual"), std::string::npos)
      << outcome.err;
}

TEST_F(PacketdrillNameTest, OffloadFlagStillWins) {
  const ProcessOutcome outcome = run_as_packetdrill({"--offload=none"});
  EXPECT_EQ(outcome.exit_code, 0) << outcome.err;
}

TEST_F(PacketdrillNameTest, UnderItsOwnNameTcpdrillOffersNoTso) {
  const ProcessOutcome plain = run_tcpdrill({kScript}, kScripts);
  EXPECT_EQ(plain.exit_code, 0) << plain.err;
  const ProcessOutcome with_tso = run_tcpdrill({"--offload=tso", kScript}, kScripts);
  EXPECT_EQ(with_tso.exit_code, 1) << with_tso.err;
}

}  // namespace
}  // namespace tcpdrill::testing
