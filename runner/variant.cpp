#include "runner/variant.h"

#include <algorithm>
#include <array>

namespace tcpdrill::runner {
namespace {

constexpr std::array kAllVariants{Variant::Ipv4, Variant::Ipv6, Variant::Ipv4MappedIpv6};

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.substr(text.size() - suffix.size()) == suffix;
}

void add_define(std::vector<std::string>& args, std::string_view name, std::string_view value) {
  args.emplace_back("-D");
  args.push_back(std::string(name) + "=" + std::string(value));
}

}  // namespace

std::string_view variant_name(Variant variant) {
  switch (variant) {
    case Variant::Ipv4: return "ipv4";
    case Variant::Ipv6: return "ipv6";
    case Variant::Ipv4MappedIpv6: return "ipv4-mapped-ipv6";
  }
  return "?";
}

std::optional<Variant> parse_variant(std::string_view name) {
  for (Variant variant : kAllVariants) {
    if (variant_name(variant) == name) return variant;
  }
  return std::nullopt;
}

std::vector<std::string> variant_arguments(Variant variant) {
  std::vector<std::string> args{"--ip_version=" + std::string(variant_name(variant))};
  if (variant == Variant::Ipv6) {
    args.insert(args.end(), {"--mtu=1520", "--local_ip=fd3d:0a0b:17d6::1",
                             "--gateway_ip=fd3d:0a0b:17d6:8888::1",
                             "--remote_ip=fd3d:fa7b:d17d::1"});
    add_define(args, "TFO_COOKIE", "c1d1e9742a47a9bc");
    add_define(args, "TFO_COOKIE_ZERO", "82af1a8f9a205c34");
    add_define(args, "CMSG_LEVEL_IP", "SOL_IPV6");
    add_define(args, "CMSG_TYPE_RECVERR", "IPV6_RECVERR");
    return args;
  }
  // IPv4 and IPv4-mapped IPv6 share the wire addresses (and so the TFO cookies); the
  // mapped variant's sockets are AF_INET6, hence the IPv6 control-message constants.
  args.insert(args.end(), {"--local_ip=192.168.0.1", "--gateway_ip=192.168.0.1",
                           "--netmask_ip=255.255.0.0", "--remote_ip=192.0.2.1"});
  add_define(args, "TFO_COOKIE", "3021b9d889017eeb");
  add_define(args, "TFO_COOKIE_ZERO", "b7c12350a90dc8f5");
  add_define(args, "CODE", "host_unreachable");
  const bool mapped = variant == Variant::Ipv4MappedIpv6;
  add_define(args, "CMSG_LEVEL_IP", mapped ? "SOL_IPV6" : "SOL_IP");
  add_define(args, "CMSG_TYPE_RECVERR", mapped ? "IPV6_RECVERR" : "IP_RECVERR");
  return args;
}

std::vector<Variant> variants_for_script(std::string_view file_name,
                                         std::optional<Variant> pinned,
                                         const std::vector<Variant>& selected) {
  auto chosen = [&](Variant variant) {
    return selected.empty() ||
           std::find(selected.begin(), selected.end(), variant) != selected.end();
  };
  std::vector<Variant> result;
  for (Variant variant : kAllVariants) {
    if (pinned && variant != *pinned) continue;
    if (ends_with(file_name, "v6.pkt") && variant != Variant::Ipv6) continue;
    if (ends_with(file_name, "v4.pkt") && variant == Variant::Ipv6) continue;
    if (chosen(variant)) result.push_back(variant);
  }
  return result;
}

std::optional<Variant> pinned_variant(std::string_view script_text) {
  constexpr std::string_view kOption = "--ip_version=";
  std::size_t line_start = 0;
  while (line_start < script_text.size()) {
    std::size_t line_end = script_text.find('\n', line_start);
    if (line_end == std::string_view::npos) line_end = script_text.size();
    std::string_view line = script_text.substr(line_start, line_end - line_start);
    if (line.substr(0, kOption.size()) == kOption) {
      std::string_view value = line.substr(kOption.size());
      value = value.substr(0, value.find_first_of(" \t\r"));
      return parse_variant(value);
    }
    line_start = line_end + 1;
  }
  return std::nullopt;
}

}  // namespace tcpdrill::runner
