#include "runtime/python_code_file.h"

#include <gtest/gtest.h>

#include <cstring>
#include <vector>

namespace tcpdrill::runtime {
namespace {

CodeSnapshot sample_snapshot() {
  std::vector<uint8_t> info(280, 0);
  const uint32_t cwnd = 7;
  std::memcpy(&info[80], &cwnd, 4);
  return {TcpInfoSnapshot::from_bytes(info), {}, {1, 2, 3, 4, 5, 6, 7, 8, 9}};
}

TEST(PythonCodeFileTest, EachSnippetGetsConstantsSnapshotAndLocation) {
  PythonCodeFile file("dir/it's.pkt");
  EXPECT_TRUE(file.empty());
  file.add({12, 1}, "assert tcpi_snd_cwnd == 7", sample_snapshot());
  EXPECT_FALSE(file.empty());
  const std::string& text = file.text();
  EXPECT_NE(text.find("sys.excepthook"), std::string::npos);
  EXPECT_NE(text.find("TCP_CA_Recovery = 3\n"), std::string::npos);
  EXPECT_NE(text.find("tcpi_snd_cwnd = 7\n"), std::string::npos);
  EXPECT_NE(text.find("SK_MEMINFO_DROPS = 9\n"), std::string::npos);
  EXPECT_NE(text.find("_file = 'dir/it\\'s.pkt'\n_line = 12\nassert tcpi_snd_cwnd == 7\n"),
            std::string::npos);
  EXPECT_EQ(text.find("bbr_bw"), std::string::npos);  // no TCP_CC_INFO returned
}

TEST(PythonCodeFileTest, FailedLineComesFromThePreamblesReport) {
  EXPECT_EQ(PythonCodeFile::failed_line("a/b.pkt:42: error in Python code\nTraceback ..."), 42u);
  EXPECT_EQ(PythonCodeFile::failed_line("python3: can't open file"), 0u);
}

}  // namespace
}  // namespace tcpdrill::runtime
