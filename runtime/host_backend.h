#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "netdev/host_network.h"
#include "netdev/network_namespace.h"
#include "netdev/pcap_writer.h"
#include "netdev/unique_fd.h"
#include "runtime/clock.h"
#include "runtime/live_addresses.h"
#include "runtime/packet_device.h"
#include "runtime/packet_tap.h"
#include "runtime/priority_inheritance_mutex.h"

namespace tcpdrill::runtime {

struct HostBackendOptions {
  LiveAddresses addresses;
  uint32_t mtu = 1500;
  bool tso_offload = false;  // --offload=tso
  bool gso_writes = false;   // --mss: inbound GRO super-packets
  bool anyip = false;        // --is_anyip
  // The kernel's transmit times (netdev::TunOptions::transmit_stamps); without them an
  // outbound packet's time is when the sniffer read it.
  bool transmit_stamps = true;
  std::optional<std::string> capture_path;
  PacketTap* tap = nullptr;  // sees every packet after the capture file
};

// The kernel the process runs on, isolated in a private network namespace: tun0 is the
// wire. Two steps, because --init_scripts run inside the namespace before tun0 exists:
// the constructor enters the namespace, bring_up() builds tun0 and starts the sniffer.
//
// The sniffer is a thread that reads the TUN fd as soon as the kernel queues a packet,
// so that the capture and the tap see packets while the event loop sleeps or sits in a
// syscall. A packet's time is the kernel's time of transmission (netdev::TransmitStamps),
// so a sniffer the host runs late does not make the kernel look late.
class HostBackend final : public PacketDevice {
 public:
  // Throws netdev::NetdevError. The calling process must still have a single thread.
  HostBackend();
  HostBackend(const HostBackend&) = delete;
  HostBackend& operator=(const HostBackend&) = delete;
  ~HostBackend() override;

  // Throws netdev::NetdevError.
  void bring_up(const HostBackendOptions& options, Clock& clock);

  void inject(std::span<const uint8_t> ip_packet, uint16_t gso_size) override;
  std::optional<SniffedPacket> sniff(int64_t deadline_usecs) override;

  // Reads what the kernel has sent so far and stops sniffing: the capture and the tap
  // are complete, and no packet is added to one and not the other afterwards.
  void stop_sniffer() noexcept;

 private:
  void sniff_loop();
  // Into the capture file and to the tap, in one order for both. Holds record_mutex_.
  void record(ast::Direction direction, std::span<const uint8_t> packet, int64_t clock_usecs);

  netdev::NetworkNamespace namespace_;  // first: left last
  Clock* clock_ = nullptr;
  std::optional<netdev::HostNetwork> network_;
  std::optional<netdev::PcapWriter> pcap_;
  PacketTap* tap_ = nullptr;
  // The sniffer and the event loop both record. An injection holds it across its write,
  // so that what the kernel sends in reply is recorded after it.
  PriorityInheritanceMutex record_mutex_;

  netdev::UniqueFd stop_event_;  // eventfd that wakes the sniffer to exit
  std::thread sniffer_;
  std::mutex queue_mutex_;
  std::condition_variable queue_changed_;
  std::deque<SniffedPacket> queue_;
  std::exception_ptr sniffer_error_;
  // Closes the transmit-time socket beside the rest of the teardown: it waits for an
  // RCU grace period. Joined by the destructor.
  std::thread stamps_closer_;
};

}  // namespace tcpdrill::runtime
