#include "netdev/pcap_writer.h"

#include <pcap/pcap.h>

#include <algorithm>
#include <cerrno>

#include "netdev/netdev_error.h"

namespace tcpdrill::netdev {
namespace {
constexpr int kSnapLength = 65535;
}

void PcapWriter::PcapCloser::operator()(pcap* handle) const { pcap_close(handle); }
void PcapWriter::DumperCloser::operator()(pcap_dumper* dumper) const { pcap_dump_close(dumper); }

PcapWriter::PcapWriter(const std::string& path) : path_(path) {
  handle_.reset(pcap_open_dead(DLT_RAW, kSnapLength));
  if (!handle_) throw NetdevError(ENOMEM, "cannot create capture file " + path_ + ": pcap_open_dead failed");
  errno = 0;
  dumper_.reset(pcap_dump_open(handle_.get(), path_.c_str()));
  // libpcap leaves the errno of its failed fopen(), which is the reason worth telling.
  if (!dumper_) throw NetdevError(errno != 0 ? errno : EIO, "cannot create capture file " + path_);
  // The file header too goes to disk now, so even a run without packets leaves a valid file.
  if (pcap_dump_flush(dumper_.get()) != 0) throw_errno("cannot write capture file " + path_);
}

void PcapWriter::write(std::span<const uint8_t> packet, int64_t timestamp_ns) {
  pcap_pkthdr header = {};
  header.ts.tv_sec = static_cast<time_t>(timestamp_ns / 1'000'000'000);
  header.ts.tv_usec = static_cast<suseconds_t>(timestamp_ns % 1'000'000'000 / 1000);
  header.len = static_cast<bpf_u_int32>(packet.size());
  header.caplen = static_cast<bpf_u_int32>(std::min<size_t>(packet.size(), kSnapLength));
  pcap_dump(reinterpret_cast<u_char*>(dumper_.get()), &header, packet.data());
  if (pcap_dump_flush(dumper_.get()) != 0) throw_errno("cannot write packet to capture file " + path_);
}

}  // namespace tcpdrill::netdev
