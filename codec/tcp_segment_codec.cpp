#include "codec/tcp_segment_codec.h"

#include <string>

#include "codec/byte_reader.h"
#include "codec/byte_writer.h"
#include "codec/concrete_value.h"
#include "codec/payload.h"
#include "codec/tcp_option_codec.h"

namespace tcpdrill::codec {
namespace {

// Bits of the 16-bit word holding data offset, reserved bits and flags.
namespace flag_bit {
constexpr uint16_t kFin = 0x001, kSyn = 0x002, kRst = 0x004, kPsh = 0x008, kAck = 0x010,
                   kUrg = 0x020, kEce = 0x040, kCwr = 0x080, kAe = 0x100;
}
constexpr uint8_t kAceEce = 1, kAceCwr = 2, kAceAe = 4;
constexpr uint16_t kReservedBitsShift = 9;

uint16_t flag_bits(const ast::TcpFlags& flags) {
  bool ece = flags.ece, cwr = flags.cwr, ae = flags.ae;
  if (flags.ace) {
    ece = *flags.ace & kAceEce;
    cwr = *flags.ace & kAceCwr;
    ae = *flags.ace & kAceAe;
  }
  uint16_t bits = 0;
  if (flags.fin) bits |= flag_bit::kFin;
  if (flags.syn) bits |= flag_bit::kSyn;
  if (flags.rst) bits |= flag_bit::kRst;
  if (flags.psh) bits |= flag_bit::kPsh;
  if (flags.ack) bits |= flag_bit::kAck;
  if (flags.urg) bits |= flag_bit::kUrg;
  if (ece) bits |= flag_bit::kEce;
  if (cwr) bits |= flag_bit::kCwr;
  if (ae) bits |= flag_bit::kAe;
  return bits;
}

ast::TcpFlags flags_of(uint16_t bits) {
  ast::TcpFlags flags;
  flags.fin = bits & flag_bit::kFin;
  flags.syn = bits & flag_bit::kSyn;
  flags.rst = bits & flag_bit::kRst;
  flags.psh = bits & flag_bit::kPsh;
  flags.ack = bits & flag_bit::kAck;
  flags.urg = bits & flag_bit::kUrg;
  flags.ece = bits & flag_bit::kEce;
  flags.cwr = bits & flag_bit::kCwr;
  flags.ae = bits & flag_bit::kAe;
  return flags;
}

Bytes encoded_options(const ast::TcpSegment& segment) {
  Bytes options;
  if (std::holds_alternative<ast::AnyTcpOptions>(segment.options)) {
    throw CodecError("cannot build a packet with <...> options");
  }
  if (const auto* list = std::get_if<ast::TcpOptionList>(&segment.options)) {
    encode_tcp_options(*list, options);
  }
  return options;
}

}  // namespace

Bytes encode_tcp_segment(const ast::TcpSegment& segment, const ast::PortPair& ports) {
  if (segment.psp_spi) throw CodecError("encap psp is not supported");
  const uint16_t window = concrete_value(segment.window, "win");
  const Bytes options = encoded_options(segment);
  const size_t header_bytes = kTcpHeaderBytes + options.size();

  Bytes out;
  out.reserve(header_bytes + segment.payload_length);
  ByteWriter write(out);
  write.u16(ports.source);
  write.u16(ports.destination);
  write.u32(segment.start_sequence);
  write.u32(segment.ack.value_or(0));
  write.u16(static_cast<uint16_t>(header_bytes / 4 << 12 | flag_bits(segment.flags)));
  write.u16(window);
  write.u16(0);  // checksum
  write.u16(segment.urgent_pointer.value_or(0));
  write.bytes(options);
  write_payload(segment.payload, segment.payload_length, write);
  return out;
}

DecodedTcpSegment decode_tcp_segment(std::span<const uint8_t> bytes) {
  ByteReader read(bytes, "TCP header");
  DecodedTcpSegment decoded;
  ast::TcpSegment& segment = decoded.segment;
  const uint16_t source_port = read.u16();
  segment.ports = ast::PortPair{source_port, read.u16()};
  segment.start_sequence = read.u32();
  const uint32_t ack = read.u32();
  const uint16_t offset_and_flags = read.u16();
  segment.window = read.u16();
  read.skip(2);  // checksum, verified by the caller with the pseudo-header
  const uint16_t urgent_pointer = read.u16();

  decoded.data_offset_bytes = static_cast<uint8_t>((offset_and_flags >> 12) * 4);
  decoded.reserved_bits = (offset_and_flags >> kReservedBitsShift) & 0x7;
  if (decoded.data_offset_bytes < kTcpHeaderBytes) {
    throw CodecError("TCP data offset " + std::to_string(decoded.data_offset_bytes) +
                     " is below the minimum of 20 bytes");
  }
  if (decoded.data_offset_bytes > bytes.size()) {
    throw CodecError("TCP header of " + std::to_string(decoded.data_offset_bytes) +
                     " bytes runs past the end of the " + std::to_string(bytes.size()) +
                     "-byte segment");
  }
  segment.flags = flags_of(offset_and_flags);
  if (segment.flags.ack || ack != 0) segment.ack = ack;
  if (segment.flags.urg || urgent_pointer != 0) segment.urgent_pointer = urgent_pointer;
  const auto option_bytes = read.bytes(decoded.data_offset_bytes - kTcpHeaderBytes);
  if (!option_bytes.empty()) segment.options = decode_tcp_options(option_bytes);

  const auto payload = read.rest();
  segment.payload_length = static_cast<uint32_t>(payload.size());
  segment.end_sequence = segment.start_sequence + segment.payload_length;
  segment.payload = payload_if_nonzero(payload);
  return decoded;
}

}  // namespace tcpdrill::codec
