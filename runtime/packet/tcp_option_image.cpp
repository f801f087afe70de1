#include "runtime/packet/tcp_option_image.h"

#include <variant>

#include "codec/tcp_option_codec.h"

namespace tcpdrill::runtime::packet {

namespace {

namespace opt = ast::tcp_option;
using namespace codec::tcp_option_kind;
using codec::kFastOpenExperimentMagic;

class ImageBuilder {
 public:
  explicit ImageBuilder(uint8_t kind) { image_.kind = kind; }

  ImageBuilder& field(std::optional<uint32_t> value, int bytes) {
    for (int i = bytes - 1; i >= 0; --i) {
      image_.value.push_back(value ? static_cast<uint8_t>(*value >> (8 * i)) : 0);
      image_.wildcard.push_back(!value);
    }
    return *this;
  }
  ImageBuilder& bytes(const std::vector<uint8_t>& data) {
    for (uint8_t byte : data) field(byte, 1);
    return *this;
  }
  // Single-byte options (NOP, EOL) have no length byte; their image length is 1.
  TcpOptionImage finish(std::optional<uint8_t> length) {
    image_.length = length;
    return image_;
  }
  TcpOptionImage finish() { return finish(static_cast<uint8_t>(2 + image_.value.size())); }

 private:
  TcpOptionImage image_;
};

struct ImageOf {
  TcpOptionImage operator()(const opt::Nop&) const { return ImageBuilder(kNop).finish(1); }
  TcpOptionImage operator()(const opt::EndOfList&) const {
    return ImageBuilder(kEndOfList).finish(1);
  }
  TcpOptionImage operator()(const opt::Mss& mss) const {
    return ImageBuilder(kMss).field(mss.value, 2).finish();
  }
  TcpOptionImage operator()(const opt::WindowScale& scale) const {
    return ImageBuilder(kWindowScale).field(scale.shift, 1).finish();
  }
  TcpOptionImage operator()(const opt::SackPermitted&) const {
    return ImageBuilder(kSackPermitted).finish();
  }
  TcpOptionImage operator()(const opt::Sack& sack) const {
    if (sack.any) return ImageBuilder(kSack).finish(std::nullopt);
    ImageBuilder builder(kSack);
    for (const auto& block : sack.blocks) builder.field(block.left, 4).field(block.right, 4);
    return builder.finish();
  }
  TcpOptionImage operator()(const opt::Timestamp& ts) const {
    return ImageBuilder(kTimestamp).field(ts.value, 4).field(ts.echo_reply, 4).finish();
  }
  TcpOptionImage operator()(const opt::Md5& md5) const {
    return ImageBuilder(kMd5).bytes(md5.digest).finish();
  }
  TcpOptionImage operator()(const opt::FastOpen& fo) const {
    if (!fo.experimental) return ImageBuilder(kFastOpen).bytes(fo.cookie).finish();
    return ImageBuilder(kExperimental).field(kFastOpenExperimentMagic, 2).bytes(fo.cookie).finish();
  }
  TcpOptionImage operator()(const opt::AccEcn& accecn) const {
    ImageBuilder builder(accecn.order == 0 ? kAccEcnOrder0 : kAccEcnOrder1);
    for (const auto& counter : accecn.counters) builder.field(counter, 3);
    return builder.finish();
  }
  TcpOptionImage operator()(const opt::Generic& generic) const {
    ImageBuilder builder(generic.kind);
    builder.bytes(generic.data);
    return builder.finish(generic.length.value_or(static_cast<uint8_t>(2 + generic.data.size())));
  }
};

}  // namespace

TcpOptionImage tcp_option_image(const ast::TcpOption& option) {
  return std::visit(ImageOf{}, option);
}

uint32_t tcp_option_size(const ast::TcpOption& option, uint32_t fallback) {
  const auto image = tcp_option_image(option);
  return image.length ? *image.length : fallback;
}

std::optional<std::string_view> TcpOptionImage::difference(const TcpOptionImage& script,
                                                           const TcpOptionImage& actual) {
  if (script.length && script.length != actual.length) return "bad length";
  if (!script.length) return std::nullopt;
  for (size_t i = 0; i < script.value.size(); ++i) {
    if (i >= actual.value.size()) return "bad value";
    if (!script.wildcard[i] && script.value[i] != actual.value[i]) return "bad value";
  }
  return std::nullopt;
}

}  // namespace tcpdrill::runtime::packet
