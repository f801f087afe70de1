#include "runtime/icmp_name_check.h"

#include <variant>

#include "codec/icmp_names.h"
#include "codec/packet_codec.h"
#include "parser/script_error.h"

namespace tcpdrill::runtime {

void check_icmp_names(const std::vector<const ast::Event*>& events, const std::string& script_path,
                      IpVersion ip_version) {
  const codec::IpFamily family = ip_version == IpVersion::Ipv6 ? codec::IpFamily::V6 : codec::IpFamily::V4;
  for (const ast::Event* event : events) {
    const auto* packet = std::get_if<ast::Packet>(&event->action);
    if (packet == nullptr) continue;
    const auto* icmp = std::get_if<ast::IcmpMessage>(&packet->body);
    if (icmp == nullptr) continue;
    try {
      codec::resolve_icmp_names(family, icmp->type_name, icmp->code_name);
    } catch (const codec::CodecError& error) {
      throw ScriptError(script_path, event->location, error.what());
    }
  }
}

}  // namespace tcpdrill::runtime
