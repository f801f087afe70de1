#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace tcpdrill::vm {

// The name under which the host hands a guest the request it resumes to run: a file of
// QEMU's firmware configuration device (fw_cfg), which QEMU fills from its command line.
inline constexpr std::string_view kPreloadedRequestName = "opt/tcpdrill/request";

// Inside a guest: the contents of fw_cfg file `name`, read through the device's I/O ports
// (no kernel driver needed; each byte one port read, done by the guest's CPU on its own
// clock, so the reading takes the same guest time on every run); nullopt when there is
// no such file or no device.
std::optional<std::string> read_firmware_config_file(std::string_view name);

}  // namespace tcpdrill::vm
