#include "codec/outer_header_codec.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "codec/byte_reader.h"
#include "codec/byte_writer.h"
#include "codec/checksum.h"

namespace tcpdrill::codec {
namespace {

// What a header carries, which sets its protocol / ethertype field.
enum class Layer { Ipv4, Ipv6, Gre, Mpls };

namespace gre_flag {
constexpr uint16_t kChecksum = 0x8000, kRouting = 0x4000, kKey = 0x2000, kSequence = 0x1000;
constexpr uint16_t kVersionMask = 0x0007;
}  // namespace gre_flag

namespace ethertype {
constexpr uint16_t kIpv4 = 0x0800, kIpv6 = 0x86dd, kMplsUnicast = 0x8847, kMplsMulticast = 0x8848;
}

constexpr uint32_t kMaxMplsLabel = 0xfffff;
constexpr uint8_t kMaxMplsTrafficClass = 7;
constexpr uint32_t kMplsBottomOfStack = 0x100;

// Routing (RFC 1701) makes the header variable-length; later versions are not GRE.
void check_gre_flags(uint16_t flags) {
  if (flags & (gre_flag::kRouting | gre_flag::kVersionMask)) {
    throw CodecError("GRE routing (flag 0x4000) and versions other than 0 are not supported");
  }
}

const char* layer_name(Layer layer) {
  switch (layer) {
    case Layer::Ipv4: return "IPv4";
    case Layer::Ipv6: return "IPv6";
    case Layer::Gre: return "GRE";
    case Layer::Mpls: return "MPLS";
  }
  return "?";
}

uint8_t ip_protocol_for(Layer carried) {
  switch (carried) {
    case Layer::Ipv4: return ip_protocol::kIpv4InIp;
    case Layer::Ipv6: return ip_protocol::kIpv6InIp;
    case Layer::Gre: return ip_protocol::kGre;
    case Layer::Mpls: return ip_protocol::kMplsInIp;
  }
  return 0;
}

uint16_t ethertype_for(Layer carried) {
  switch (carried) {
    case Layer::Ipv4: return ethertype::kIpv4;
    case Layer::Ipv6: return ethertype::kIpv6;
    case Layer::Mpls: return ethertype::kMplsUnicast;
    case Layer::Gre: break;
  }
  throw CodecError("GRE cannot carry GRE");
}

template <size_t N>
std::array<uint8_t, N> address_bytes(const IpAddress& address) {
  std::array<uint8_t, N> bytes;
  std::copy_n(address.bytes.begin(), N, bytes.begin());
  return bytes;
}

// Prepends one outer header to `inside` (a packet of layer `carried`).
class HeaderWrapper {
 public:
  HeaderWrapper(Layer carried, Bytes& inside) : carried_(carried), inside_(inside) {}

  Layer operator()(const ast::OuterIpv4& ipv4) {
    wrap_in_ip(IpAddress::v4(ipv4.source.bytes), IpAddress::v4(ipv4.destination.bytes), ipv4.info);
    return Layer::Ipv4;
  }
  Layer operator()(const ast::OuterIpv6& ipv6) {
    wrap_in_ip(IpAddress::v6(ipv6.source.bytes), IpAddress::v6(ipv6.destination.bytes), ipv6.info);
    return Layer::Ipv6;
  }
  Layer operator()(const ast::GreHeader& gre) {
    check_gre_flags(gre.flags);
    Bytes out;
    ByteWriter write(out);
    write.u16(gre.flags);
    write.u16(ethertype_for(carried_));
    if (gre.flags & gre_flag::kChecksum) {
      write.u16(gre.checksum);
      write.u16(gre.offset);
    }
    if (gre.flags & gre_flag::kKey) write.u32(gre.key);
    if (gre.flags & gre_flag::kSequence) write.u32(gre.sequence);
    write.bytes(inside_);
    if ((gre.flags & gre_flag::kChecksum) && gre.checksum == 0) {
      store_u16(out, 4, internet_checksum(out));
    }
    inside_ = std::move(out);
    return Layer::Gre;
  }
  Layer operator()(const ast::MplsLabelStack& stack) {
    if (carried_ != Layer::Ipv4 && carried_ != Layer::Ipv6) {
      throw CodecError(std::string("MPLS cannot carry ") + layer_name(carried_));
    }
    Bytes out;
    ByteWriter write(out);
    for (const auto& entry : stack.entries) {
      if (entry.label > kMaxMplsLabel) {
        throw CodecError("MPLS label " + std::to_string(entry.label) + " does not fit 20 bits");
      }
      if (entry.traffic_class > kMaxMplsTrafficClass) {
        throw CodecError("MPLS tc " + std::to_string(entry.traffic_class) +
                         " does not fit 3 bits");
      }
      write.u32(entry.label << 12 | uint32_t{entry.traffic_class} << 9 |
                (entry.bottom_of_stack ? kMplsBottomOfStack : 0) | entry.ttl);
    }
    write.bytes(inside_);
    inside_ = std::move(out);
    return Layer::Mpls;
  }

 private:
  void wrap_in_ip(const IpAddress& source, const IpAddress& destination, const ast::IpInfo& info) {
    IpHeaderFields fields;
    fields.source = source;
    fields.destination = destination;
    fields.protocol = ip_protocol_for(carried_);
    apply_ip_info(info, fields);
    Bytes out;
    out.reserve(ip_header_bytes(source.family) + inside_.size());
    write_ip_header(fields, inside_.size(), out);
    ByteWriter(out).bytes(inside_);
    inside_ = std::move(out);
  }

  Layer carried_;
  Bytes& inside_;
};

ast::OuterHeader outer_ip_header(const ParsedIpHeader& header) {
  const IpHeaderFields& fields = header.fields;
  if (fields.source.family == IpFamily::V4) {
    return ast::OuterIpv4{{address_bytes<4>(fields.source)},
                          {address_bytes<4>(fields.destination)},
                          ip_info_of(fields)};
  }
  return ast::OuterIpv6{{address_bytes<16>(fields.source)},
                        {address_bytes<16>(fields.destination)},
                        ip_info_of(fields)};
}

// MPLS has no field saying what it carries: the version nibble after it tells.
Layer ip_layer_by_version(std::span<const uint8_t> bytes, const char* carrier) {
  if (!bytes.empty() && bytes[0] >> 4 == 4) return Layer::Ipv4;
  if (!bytes.empty() && bytes[0] >> 4 == 6) return Layer::Ipv6;
  throw CodecError(std::string(carrier) + " payload is neither IPv4 nor IPv6");
}

Layer layer_for_ethertype(uint16_t type) {
  switch (type) {
    case ethertype::kIpv4: return Layer::Ipv4;
    case ethertype::kIpv6: return Layer::Ipv6;
    case ethertype::kMplsUnicast:
    case ethertype::kMplsMulticast: return Layer::Mpls;
    default: break;
  }
  char text[64];
  std::snprintf(text, sizeof text, "GRE protocol 0x%04x is not IPv4, IPv6 or MPLS", type);
  throw CodecError(text);
}

ast::GreHeader read_gre_header(ByteReader& read, Layer& carried) {
  ast::GreHeader gre;
  gre.flags = read.u16();
  check_gre_flags(gre.flags);
  carried = layer_for_ethertype(read.u16());
  if (gre.flags & gre_flag::kChecksum) {
    gre.checksum = read.u16();
    gre.offset = read.u16();
  }
  if (gre.flags & gre_flag::kKey) gre.key = read.u32();
  if (gre.flags & gre_flag::kSequence) gre.sequence = read.u32();
  return gre;
}

ast::MplsLabelStack read_mpls_stack(ByteReader& read) {
  ast::MplsLabelStack stack;
  for (;;) {
    const uint32_t word = read.u32();
    ast::MplsLabelEntry entry;
    entry.label = word >> 12;
    entry.traffic_class = (word >> 9) & kMaxMplsTrafficClass;
    entry.bottom_of_stack = word & kMplsBottomOfStack;
    entry.ttl = static_cast<uint8_t>(word);
    stack.entries.push_back(entry);
    if (entry.bottom_of_stack) return stack;
  }
}

}  // namespace

Bytes wrap_in_outer_headers(const std::vector<ast::OuterHeader>& outer_headers,
                            IpFamily inner_family, Bytes inner) {
  Layer carried = inner_family == IpFamily::V4 ? Layer::Ipv4 : Layer::Ipv6;
  for (auto header = outer_headers.rbegin(); header != outer_headers.rend(); ++header) {
    carried = std::visit(HeaderWrapper(carried, inner), *header);
  }
  if (carried != Layer::Ipv4 && carried != Layer::Ipv6) {
    throw CodecError(std::string("the outermost header must be IPv4 or IPv6, not ") +
                     layer_name(carried));
  }
  return inner;
}

UnwrappedPacket unwrap_outer_headers(std::span<const uint8_t> bytes) {
  UnwrappedPacket unwrapped;
  ParsedIpHeader ip = read_ip_header(bytes);
  for (;;) {
    Layer carried;
    switch (ip.fields.protocol) {
      case ip_protocol::kIpv4InIp: carried = Layer::Ipv4; break;
      case ip_protocol::kIpv6InIp: carried = Layer::Ipv6; break;
      case ip_protocol::kGre: carried = Layer::Gre; break;
      case ip_protocol::kMplsInIp: carried = Layer::Mpls; break;
      default:
        unwrapped.inner = ip;
        return unwrapped;
    }
    unwrapped.outer_headers.push_back(outer_ip_header(ip));
    ByteReader read(ip.payload, "tunnel header");
    if (carried == Layer::Gre) {
      unwrapped.outer_headers.emplace_back(read_gre_header(read, carried));
    }
    if (carried == Layer::Mpls) {
      unwrapped.outer_headers.emplace_back(read_mpls_stack(read));
      carried = ip_layer_by_version(read.rest(), "MPLS");
    }
    ip = read_ip_header(read.rest());
    const Layer found = ip.fields.source.family == IpFamily::V4 ? Layer::Ipv4 : Layer::Ipv6;
    if (found != carried) {
      throw CodecError(std::string("header says it carries ") + layer_name(carried) +
                       " but carries " + layer_name(found));
    }
  }
}

}  // namespace tcpdrill::codec
