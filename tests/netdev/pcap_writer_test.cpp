#include "netdev/pcap_writer.h"

#include <gtest/gtest.h>
#include <pcap/pcap.h>
#include <unistd.h>

#include <filesystem>
#include <vector>

#include "netdev/netdev_error.h"

namespace tcpdrill::netdev {
namespace {

std::filesystem::path temporary_path(const std::string& name) {
  return std::filesystem::temp_directory_path() / (name + "." + std::to_string(::getpid()));
}

TEST(PcapWriterTest, PacketsReadBackWithLibpcap) {
  const std::filesystem::path path = temporary_path("netdev_pcap_test.pcap");
  const std::vector<uint8_t> first = {0x45, 0x00, 0x00, 0x14, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
  const std::vector<uint8_t> second(1500, 0x60);
  {
    PcapWriter writer(path);
    writer.write(first, 1'700'000'000'123'456'789);
    writer.write(second, 1'700'000'001'000'001'000);
  }

  char error[PCAP_ERRBUF_SIZE] = {};
  pcap_t* capture = pcap_open_offline(path.c_str(), error);
  ASSERT_NE(capture, nullptr) << error;
  EXPECT_EQ(pcap_datalink(capture), DLT_RAW);

  pcap_pkthdr* header = nullptr;
  const u_char* data = nullptr;
  ASSERT_EQ(pcap_next_ex(capture, &header, &data), 1);
  EXPECT_EQ(header->ts.tv_sec, 1'700'000'000);
  EXPECT_EQ(header->ts.tv_usec, 123'456);
  EXPECT_EQ(std::vector<uint8_t>(data, data + header->caplen), first);

  ASSERT_EQ(pcap_next_ex(capture, &header, &data), 1);
  EXPECT_EQ(header->ts.tv_sec, 1'700'000'001);
  EXPECT_EQ(header->ts.tv_usec, 1);
  EXPECT_EQ(header->len, 1500u);
  EXPECT_EQ(std::vector<uint8_t>(data, data + header->caplen), second);

  EXPECT_EQ(pcap_next_ex(capture, &header, &data), PCAP_ERROR_BREAK);
  pcap_close(capture);
  std::filesystem::remove(path);
}

TEST(PcapWriterTest, EachPacketIsOnDiskBeforeTheWriterCloses) {
  const std::filesystem::path path = temporary_path("netdev_pcap_flush_test.pcap");
  PcapWriter writer(path);
  const uintmax_t empty_size = std::filesystem::file_size(path);
  writer.write(std::vector<uint8_t>(100, 0x45), 0);
  EXPECT_EQ(std::filesystem::file_size(path), empty_size + 16 + 100);
  std::filesystem::remove(path);
}

TEST(PcapWriterTest, UnwritablePathIsAnErrorNamingIt) {
  try {
    PcapWriter writer("/nonexistent-dir/capture.pcap");
    FAIL() << "opened a file in a missing directory";
  } catch (const NetdevError& error) {
    EXPECT_EQ(error.code().value(), ENOENT);
    EXPECT_NE(std::string(error.what()).find("cannot create capture file /nonexistent-dir/capture.pcap"),
              std::string::npos)
        << error.what();
  }
}

}  // namespace
}  // namespace tcpdrill::netdev
