#include "codec/tcp_option_printer.h"

#include <optional>

#include "codec/hex.h"

namespace tcpdrill::codec {
namespace {

namespace opt = ast::tcp_option;

template <typename T>
std::string value_or_wildcard(const std::optional<T>& value) {
  return value ? std::to_string(*value) : "*";
}

// `name` alone, or `name hex` when there are bytes: packetdrill's md5 / FO notation.
std::string with_hex_blob(std::string name, const ast::Bytes& bytes) {
  if (!bytes.empty()) name += " " + to_hex(bytes);
  return name;
}

struct OptionPrinter {
  std::string operator()(const opt::Nop&) const { return "nop"; }
  std::string operator()(const opt::EndOfList&) const { return "eol"; }
  std::string operator()(const opt::Mss& mss) const { return "mss " + value_or_wildcard(mss.value); }
  std::string operator()(const opt::WindowScale& scale) const {
    return "wscale " + value_or_wildcard(scale.shift);
  }
  std::string operator()(const opt::SackPermitted&) const { return "sackOK"; }
  std::string operator()(const opt::Sack& sack) const {
    if (sack.any) return "sack *";
    std::string text = "sack";
    for (const auto& block : sack.blocks) {
      text += " " + std::to_string(block.left) + ":" + std::to_string(block.right);
    }
    return text;
  }
  std::string operator()(const opt::Timestamp& timestamp) const {
    return "TS val " + value_or_wildcard(timestamp.value) + " ecr " +
           value_or_wildcard(timestamp.echo_reply);
  }
  std::string operator()(const opt::Md5& md5) const { return with_hex_blob("md5", md5.digest); }
  std::string operator()(const opt::FastOpen& fast_open) const {
    return with_hex_blob(fast_open.experimental ? "FOEXP" : "FO", fast_open.cookie);
  }
  std::string operator()(const opt::AccEcn& accecn) const {
    static constexpr const char* kFieldNames[2][3] = {{"e0b", "ceb", "e1b"},
                                                      {"e1b", "ceb", "e0b"}};
    const auto& names = kFieldNames[accecn.order == 0 ? 0 : 1];
    std::string text = "ECN";
    for (size_t i = 0; i < accecn.counters.size() && i < 3; ++i) {
      text += std::string(" ") + names[i] + " " + value_or_wildcard(accecn.counters[i]);
    }
    return text;
  }
  std::string operator()(const opt::Generic& generic) const {
    std::string text = "kind " + std::to_string(generic.kind);
    if (generic.length) text += " len " + std::to_string(*generic.length);
    if (!generic.data.empty()) text += " 0x" + to_hex(generic.data);
    return text;
  }
};

}  // namespace

std::string format_tcp_option(const ast::TcpOption& option) {
  return std::visit(OptionPrinter{}, option);
}

std::string format_tcp_options(const ast::TcpOptionList& options) {
  std::string text;
  for (const auto& option : options.options) {
    if (!text.empty()) text += ",";
    text += format_tcp_option(option);
  }
  return text;
}

}  // namespace tcpdrill::codec
