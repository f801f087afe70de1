#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <string>

struct pcap;
struct pcap_dumper;

namespace tcpdrill::netdev {

// A pcap capture file of bare IP packets (LINKTYPE_RAW), written through libpcap so any
// tool reads it. Each packet is flushed at once: a run that dies mid-way still leaves a
// readable file up to its last packet.
class PcapWriter {
 public:
  // Creates or truncates path. Throws NetdevError.
  explicit PcapWriter(const std::string& path);

  // timestamp_ns is nanoseconds since the Unix epoch (the runtime converts from its
  // clock); the file keeps microseconds.
  void write(std::span<const uint8_t> packet, int64_t timestamp_ns);

  const std::string& path() const { return path_; }

 private:
  struct PcapCloser {
    void operator()(pcap* handle) const;
  };
  struct DumperCloser {
    void operator()(pcap_dumper* dumper) const;
  };

  std::string path_;
  std::unique_ptr<pcap, PcapCloser> handle_;
  std::unique_ptr<pcap_dumper, DumperCloser> dumper_;  // declared last: closed first
};

}  // namespace tcpdrill::netdev
