#pragma once

#include <string_view>

namespace tcpdrill::vm {

// Where the guest image puts what the guest agent needs; shared by the image builder
// (host) and the agent (guest).
inline constexpr std::string_view kGuestTcpdrillDir = "/usr/libexec/tcpdrill";
inline constexpr std::string_view kGuestTcpdrill = "/usr/libexec/tcpdrill/tcpdrill";
inline constexpr std::string_view kGuestInit = "/init";
// The second serial port: the control channel. The first is the kernel's console.
inline constexpr std::string_view kGuestControlPort = "/dev/ttyS1";
inline constexpr std::string_view kGuestPath =
    "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

}  // namespace tcpdrill::vm
