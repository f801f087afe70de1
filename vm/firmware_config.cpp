#include "vm/firmware_config.h"

#include <sys/io.h>

#include <cstdint>

namespace tcpdrill::vm {
namespace {

// QEMU's fw_cfg on x86: a selector port and a data port; selecting a key rewinds it.
constexpr unsigned short kSelectorPort = 0x510;
constexpr unsigned short kDataPort = 0x511;
constexpr std::uint16_t kSignatureKey = 0x0000;
constexpr std::uint16_t kFileDirectoryKey = 0x0019;
constexpr std::size_t kFileNameBytes = 56;

void select_key(std::uint16_t key) { ::outw(key, kSelectorPort); }

std::string read_bytes(std::size_t count) {
  std::string bytes(count, '\0');
  for (char& byte : bytes) byte = static_cast<char>(::inb(kDataPort));
  return bytes;
}

std::uint32_t big_endian(std::string_view bytes) {
  std::uint32_t value = 0;
  for (unsigned char byte : bytes) value = value << 8 | byte;
  return value;
}

}  // namespace

std::optional<std::string> read_firmware_config_file(std::string_view name) {
  if (::ioperm(kSelectorPort, 2, 1) != 0) return std::nullopt;
  select_key(kSignatureKey);
  if (read_bytes(4) != "QEMU") return std::nullopt;
  select_key(kFileDirectoryKey);
  const std::uint32_t files = big_endian(read_bytes(4));
  // Each entry: size (4 bytes, big-endian), key (2), reserved (2), name (56, NUL-padded).
  for (std::uint32_t i = 0; i < files; ++i) {
    const std::string entry = read_bytes(8 + kFileNameBytes);
    const std::string entry_name = entry.substr(8, entry.find('\0', 8) - 8);
    if (entry_name != name) continue;
    select_key(static_cast<std::uint16_t>(big_endian(std::string_view(entry).substr(4, 2))));
    return read_bytes(big_endian(std::string_view(entry).substr(0, 4)));
  }
  return std::nullopt;
}

}  // namespace tcpdrill::vm
