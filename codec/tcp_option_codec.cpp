#include "codec/tcp_option_codec.h"

#include <string>

#include "codec/byte_reader.h"
#include "codec/byte_writer.h"
#include "codec/concrete_value.h"

namespace tcpdrill::codec {
namespace {

namespace opt = ast::tcp_option;
namespace kind = tcp_option_kind;

constexpr size_t kSackBlockBytes = 8;
constexpr size_t kMaxSackBlocks = 4;
constexpr size_t kMaxMd5DigestBytes = 16;
constexpr size_t kAccEcnFieldBytes = 3;
constexpr size_t kMaxAccEcnFields = 3;
constexpr uint32_t kMaxAccEcnCounter = 0xffffff;

// One overload per option type: writes kind, length and value.
class OptionEncoder {
 public:
  explicit OptionEncoder(Bytes& out) : write_(out) {}

  void operator()(const opt::Nop&) { write_.u8(kind::kNop); }
  void operator()(const opt::EndOfList&) { write_.u8(kind::kEndOfList); }
  void operator()(const opt::Mss& mss) {
    header(kind::kMss, 2);
    write_.u16(concrete_value(mss.value, "mss"));
  }
  void operator()(const opt::WindowScale& scale) {
    header(kind::kWindowScale, 1);
    write_.u8(concrete_value(scale.shift, "wscale"));
  }
  void operator()(const opt::SackPermitted&) { header(kind::kSackPermitted, 0); }
  void operator()(const opt::Sack& sack) {
    if (sack.any) throw CodecError("cannot build a packet with a wildcard sack *");
    header(kind::kSack, sack.blocks.size() * kSackBlockBytes);
    for (const auto& block : sack.blocks) {
      write_.u32(block.left);
      write_.u32(block.right);
    }
  }
  void operator()(const opt::Timestamp& timestamp) {
    header(kind::kTimestamp, 8);
    write_.u32(concrete_value(timestamp.value, "TS val"));
    write_.u32(concrete_value(timestamp.echo_reply, "TS ecr"));
  }
  void operator()(const opt::Md5& md5) {
    if (md5.digest.size() > kMaxMd5DigestBytes) {
      throw CodecError("md5 digest has " + std::to_string(md5.digest.size()) +
                       " bytes, at most 16 fit");
    }
    header(kind::kMd5, md5.digest.size());
    write_.bytes(md5.digest);
  }
  void operator()(const opt::FastOpen& fast_open) {
    if (fast_open.experimental) {
      header(kind::kExperimental, 2 + fast_open.cookie.size());
      write_.u16(kFastOpenExperimentMagic);
    } else {
      header(kind::kFastOpen, fast_open.cookie.size());
    }
    write_.bytes(fast_open.cookie);
  }
  void operator()(const opt::AccEcn& accecn) {
    if (accecn.counters.size() > kMaxAccEcnFields) {
      throw CodecError("AccECN option has " + std::to_string(accecn.counters.size()) +
                       " counters, at most 3 fit");
    }
    header(accecn.order == 0 ? kind::kAccEcnOrder0 : kind::kAccEcnOrder1,
           accecn.counters.size() * kAccEcnFieldBytes);
    for (const auto& counter : accecn.counters) {
      const uint32_t value = concrete_value(counter, "AccECN counter");
      if (value > kMaxAccEcnCounter) {
        throw CodecError("AccECN counter " + std::to_string(value) + " does not fit in 24 bits");
      }
      write_.u24(value);
    }
  }
  void operator()(const opt::Generic& generic) {
    if (!generic.length) {
      header(generic.kind, generic.data.size());
    } else {
      // A given length is written as is, even when it disagrees with the data:
      // scripts use that to send malformed options.
      write_.u8(generic.kind);
      write_.u8(*generic.length);
    }
    write_.bytes(generic.data);
  }

 private:
  void header(uint8_t option_kind, size_t value_bytes) {
    if (value_bytes + 2 > kMaxTcpOptionBytes) {
      throw CodecError("TCP option kind " + std::to_string(option_kind) + " needs " +
                       std::to_string(value_bytes + 2) + " bytes, more than the 40 available");
    }
    write_.u8(option_kind);
    write_.u8(static_cast<uint8_t>(value_bytes + 2));
  }

  ByteWriter write_;
};

// The typed option for a well-formed option of a known kind, else Generic.
ast::TcpOption typed_option(uint8_t option_kind, std::span<const uint8_t> value) {
  ByteReader read(value, "TCP option");
  switch (option_kind) {
    case kind::kMss:
      if (value.size() == 2) return opt::Mss{read.u16()};
      break;
    case kind::kWindowScale:
      if (value.size() == 1) return opt::WindowScale{read.u8()};
      break;
    case kind::kSackPermitted:
      if (value.empty()) return opt::SackPermitted{};
      break;
    case kind::kSack:
      if (!value.empty() && value.size() % kSackBlockBytes == 0 &&
          value.size() / kSackBlockBytes <= kMaxSackBlocks) {
        opt::Sack sack;
        while (read.remaining() > 0) {
          const uint32_t left = read.u32();
          sack.blocks.push_back({left, read.u32()});
        }
        return sack;
      }
      break;
    case kind::kTimestamp:
      if (value.size() == 8) {
        const uint32_t timestamp_value = read.u32();
        return opt::Timestamp{timestamp_value, read.u32()};
      }
      break;
    case kind::kMd5:
      if (value.size() <= kMaxMd5DigestBytes) return opt::Md5{Bytes(value.begin(), value.end())};
      break;
    case kind::kFastOpen:
      return opt::FastOpen{Bytes(value.begin(), value.end()), false};
    case kind::kExperimental:
      if (value.size() >= 2 && read.u16() == kFastOpenExperimentMagic) {
        return opt::FastOpen{Bytes(value.begin() + 2, value.end()), true};
      }
      break;
    case kind::kAccEcnOrder0:
    case kind::kAccEcnOrder1:
      if (value.size() % kAccEcnFieldBytes == 0 &&
          value.size() / kAccEcnFieldBytes <= kMaxAccEcnFields) {
        opt::AccEcn accecn;
        accecn.order = option_kind == kind::kAccEcnOrder0 ? 0 : 1;
        while (read.remaining() > 0) accecn.counters.push_back(read.u24());
        return accecn;
      }
      break;
    default:
      break;
  }
  return opt::Generic{option_kind, std::nullopt, Bytes(value.begin(), value.end())};
}

}  // namespace

void encode_tcp_options(const ast::TcpOptionList& options, Bytes& out) {
  const size_t start = out.size();
  OptionEncoder encoder(out);
  for (const auto& option : options.options) std::visit(encoder, option);
  const size_t length = out.size() - start;
  if (length > kMaxTcpOptionBytes) {
    throw CodecError("TCP options take " + std::to_string(length) +
                     " bytes, more than the 40 a TCP header holds");
  }
  if (length % 4 != 0) {
    throw CodecError("TCP options take " + std::to_string(length) +
                     " bytes, not a multiple of 4; add nop or eol to pad them");
  }
}

ast::TcpOptionList decode_tcp_options(std::span<const uint8_t> bytes) {
  ast::TcpOptionList list;
  ByteReader read(bytes, "TCP options");
  while (read.remaining() > 0) {
    const uint8_t option_kind = read.u8();
    if (option_kind == kind::kEndOfList) {
      list.options.emplace_back(opt::EndOfList{});
      continue;
    }
    if (option_kind == kind::kNop) {
      list.options.emplace_back(opt::Nop{});
      continue;
    }
    const std::string name = "TCP option kind " + std::to_string(option_kind);
    if (read.remaining() == 0) throw CodecError(name + " has no length byte");
    const uint8_t length = read.u8();
    if (length < 2) {
      throw CodecError(name + " has length " + std::to_string(length) + ", less than 2");
    }
    if (length - 2u > read.remaining()) {
      throw CodecError(name + " of length " + std::to_string(length) +
                       " runs past the end of the TCP header");
    }
    list.options.push_back(typed_option(option_kind, read.bytes(length - 2u)));
  }
  return list;
}

}  // namespace tcpdrill::codec
