#include "codec/udp_datagram_codec.h"

#include <string>

#include "codec/byte_reader.h"
#include "codec/byte_writer.h"
#include "codec/payload.h"

namespace tcpdrill::codec {

Bytes encode_udp_datagram(const ast::UdpDatagram& datagram, const ast::PortPair& ports) {
  const size_t length = kUdpHeaderBytes + datagram.payload_length;
  if (length > 0xffff) {
    throw CodecError("UDP datagram of " + std::to_string(length) + " bytes exceeds 65535");
  }
  Bytes out;
  out.reserve(length);
  ByteWriter write(out);
  write.u16(ports.source);
  write.u16(ports.destination);
  write.u16(static_cast<uint16_t>(length));
  write.u16(0);  // checksum
  write_payload(datagram.payload, datagram.payload_length, write);
  return out;
}

DecodedUdpDatagram decode_udp_datagram(std::span<const uint8_t> bytes) {
  ByteReader read(bytes, "UDP header");
  DecodedUdpDatagram decoded;
  const uint16_t source_port = read.u16();
  decoded.datagram.ports = ast::PortPair{source_port, read.u16()};
  decoded.length = read.u16();
  read.skip(2);  // checksum, verified by the caller with the pseudo-header
  if (decoded.length < kUdpHeaderBytes || decoded.length > bytes.size()) {
    throw CodecError("UDP length " + std::to_string(decoded.length) +
                     " does not fit between the header (8 bytes) and the datagram (" +
                     std::to_string(bytes.size()) + " bytes)");
  }
  const auto payload = read.bytes(decoded.length - kUdpHeaderBytes);
  decoded.datagram.payload_length = static_cast<uint32_t>(payload.size());
  decoded.datagram.payload = payload_if_nonzero(payload);
  return decoded;
}

}  // namespace tcpdrill::codec
