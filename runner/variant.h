#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tcpdrill::runner {

// The IP flavours a script is run in, with packetdrill's suite addresses.
enum class Variant { Ipv4, Ipv6, Ipv4MappedIpv6 };

// "ipv4", "ipv6", "ipv4-mapped-ipv6": the --ip_version spelling.
std::string_view variant_name(Variant variant);
std::optional<Variant> parse_variant(std::string_view name);

// The child's command-line arguments for a variant: --ip_version, addresses, MTU, and the
// -D defines the upstream suites rely on (TFO cookies valid for the suite's fastopen key
// and these addresses, CMSG level/type for the socket family, ICMP CODE).
std::vector<std::string> variant_arguments(Variant variant);

// Which variants a script runs in, in report order (ipv4, ipv6, mapped):
//  - `pinned` (from a `--ip_version=` option line in the script) runs that one only;
//  - a file name ending in "v6.pkt" runs only ipv6, "v4.pkt" never ipv6;
//  - of the rest, those in `selected` (the -4/-6/--mapped choice; all when empty).
std::vector<Variant> variants_for_script(std::string_view file_name,
                                         std::optional<Variant> pinned,
                                         const std::vector<Variant>& selected);

// Finds the value of the script's first `--ip_version=` option line, if any.
std::optional<Variant> pinned_variant(std::string_view script_text);

}  // namespace tcpdrill::runner
