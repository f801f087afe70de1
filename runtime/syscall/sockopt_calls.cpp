#include <arpa/inet.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <cstring>

#include "runtime/syscall/call_factories.h"
#include "runtime/syscall/call_support.h"
#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {
namespace {

using Bytes = std::vector<unsigned char>;

template <typename T>
Bytes bytes_of(const T& value) {
  const auto* data = reinterpret_cast<const unsigned char*>(&value);
  return Bytes(data, data + sizeof(T));
}

// packetdrill's struct gre: flags, protocol, then checksum/offset, key, sequence at fixed
// places, all in network order.
Bytes gre_bytes(const ast::GreHeader& gre) {
  struct {
    uint16_t flags, protocol, checksum, offset;
    uint32_t key, sequence;
  } raw{htons(gre.flags),   0, htons(gre.checksum), htons(gre.offset), htonl(gre.key),
        htonl(gre.sequence)};
  return bytes_of(raw);
}

Bytes mpls_bytes(const ast::MplsLabelStack& stack) {
  Bytes out;
  for (const ast::MplsLabelEntry& entry : stack.entries) {
    const uint32_t word = (entry.label << 12) | (uint32_t{entry.traffic_class} << 9) |
                          (entry.bottom_of_stack ? 1u << 8 : 0u) | entry.ttl;
    const Bytes encoded = bytes_of(htonl(word));
    out.insert(out.end(), encoded.begin(), encoded.end());
  }
  return out;
}

Bytes in6_bytes(const ast::FunctionCall& call) {
  if (call.arguments.size() != 1) throw SyscallError("inet6_addr() takes 1 argument");
  in6_addr address{};
  const std::string& text = expect_string(call.arguments.front());
  if (inet_pton(AF_INET6, text.c_str(), &address) != 1) {
    throw SyscallError("bad IPv6 address in inet6_addr(): '" + text + "'");
  }
  return bytes_of(address);
}

// {tcpm_key="secret" [, tcpm_addr=...] [, tcpm_keylen=N] [, tcpm_flags=F]
//  [, tcpm_prefixlen=N] [, tcpm_ifindex=N]}: the peer is always the live remote address.
Bytes md5sig_bytes(const ast::ExpressionList& list, const SyscallEnvironment& env) {
  tcp_md5sig md5{};
  const LiveSockaddr peer = env.remote_address(0);
  std::memcpy(&md5.tcpm_addr, &peer.storage, sizeof md5.tcpm_addr);
  const std::string& key = expect_string(*find_field(list, "tcpm_key")->value);
  if (key.size() > TCP_MD5SIG_MAXKEYLEN) throw SyscallError("tcpm_key longer than 80 bytes");
  std::memcpy(md5.tcpm_key, key.data(), key.size());
  md5.tcpm_keylen = static_cast<uint16_t>(key.size());
  auto set_if = [&list](const char* name, auto& member) {
    if (const ast::NamedField* field = find_field(list, name)) {
      member =
          static_cast<std::remove_reference_t<decltype(member)>>(evaluate_integer(*field->value));
    }
  };
  set_if("tcpm_keylen", md5.tcpm_keylen);
  set_if("tcpm_flags", md5.tcpm_flags);
  set_if("tcpm_prefixlen", md5.tcpm_prefixlen);
  set_if("tcpm_ifindex", md5.tcpm_ifindex);
  return bytes_of(md5);
}

// The bytes of a setsockopt value: [int], "string", {onoff=, linger=}, {tcpm_key=...},
// inet6_addr("..."), an MPLS label stack or a GRE header.
Bytes option_bytes(const ast::Expression& value, const SyscallEnvironment& env, const char* call) {
  if (const auto* text = std::get_if<ast::StringLiteral>(&value.value)) {
    return Bytes(text->bytes.begin(), text->bytes.end());
  }
  if (const auto* gre = std::get_if<ast::GreHeader>(&value.value)) return gre_bytes(*gre);
  if (const auto* mpls = std::get_if<ast::MplsLabelStack>(&value.value)) return mpls_bytes(*mpls);
  if (const auto* function = std::get_if<ast::FunctionCall>(&value.value)) {
    if (function->name == "inet6_addr") return in6_bytes(*function);
  }
  if (const auto* list = std::get_if<ast::ExpressionList>(&value.value)) {
    if (find_field(*list, "onoff") != nullptr || find_field(*list, "linger") != nullptr) {
      linger setting{};
      if (const ast::NamedField* onoff = find_field(*list, "onoff")) {
        setting.l_onoff = evaluate_s32(*onoff->value);
      }
      if (const ast::NamedField* seconds = find_field(*list, "linger")) {
        setting.l_linger = evaluate_s32(*seconds->value);
      }
      return bytes_of(setting);
    }
    if (find_field(*list, "tcpm_key") != nullptr) return md5sig_bytes(*list, env);
    return bytes_of(static_cast<int32_t>(evaluate_bracketed_integer(value)));
  }
  throw SyscallError(std::string("unsupported ") + call +
                     " value type: " + expression_type_name(value));
}

class SetsockoptCall : public SyscallCall {
 public:
  SetsockoptCall(int live_fd, int level, int name, Bytes value, socklen_t length)
      : live_fd_(live_fd), level_(level), name_(name), value_(std::move(value)), length_(length) {
    // The script's optlen may exceed the value (e.g. a short TCP_CONGESTION name).
    value_.resize(std::max<std::size_t>(value_.size(), length_) + 1, 0);
  }
  int64_t perform() override {
    return ::setsockopt(live_fd_, level_, name_, value_.data(), length_);
  }

 private:
  int live_fd_, level_, name_;
  Bytes value_;
  socklen_t length_;
};

std::string printable(const unsigned char* data, std::size_t length) {
  std::string text;
  for (std::size_t i = 0; i < length; ++i) {
    const unsigned char c = data[i];
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      text += static_cast<char>(c);
    } else {
      char escaped[8];
      std::snprintf(escaped, sizeof escaped, "\\x%02x", c);
      text += escaped;
    }
  }
  return text;
}

class GetsockoptCall : public SyscallCall {
 public:
  GetsockoptCall(int live_fd, int level, int name, const ast::Expression& expected,
                 socklen_t length, const SyscallEnvironment& env)
      : live_fd_(live_fd),
        level_(level),
        name_(name),
        expected_length_(length),
        value_(length + 1, 0),
        length_(length) {
    if (is_ellipsis(expected)) return;  // only the length is checked
    if (std::holds_alternative<ast::StringLiteral>(expected.value)) {
      kind_ = Kind::String;
    } else if (std::holds_alternative<ast::ExpressionList>(expected.value) &&
               find_field(std::get<ast::ExpressionList>(expected.value), "onoff") == nullptr) {
      kind_ = Kind::Integer;
      if (length != 4)
        throw SyscallError("Unsupported getsockopt optlen: " + std::to_string(length));
    } else {
      kind_ = Kind::Struct;
    }
    expected_value_ = option_bytes(expected, env, "getsockopt");
    if (kind_ == Kind::String && expected_value_.size() != length) {
      throw SyscallError("Bad getsockopt optval: expected optlen (" + std::to_string(length) +
                         " bytes) does not match length of expected optval string '" +
                         printable(expected_value_.data(), expected_value_.size()) + "' (" +
                         std::to_string(expected_value_.size()) + " bytes)");
    }
    if (kind_ == Kind::Struct && expected_value_.size() != length) {
      throw SyscallError("Unsupported getsockopt optlen: " + std::to_string(length));
    }
  }
  int64_t perform() override {
    return ::getsockopt(live_fd_, level_, name_, value_.data(), &length_);
  }
  void verify(SyscallEnvironment&, const SyscallOutcome&, int64_t) override {
    if (length_ != expected_length_) {
      throw SyscallError("Bad getsockopt optlen: expected: " + std::to_string(expected_length_) +
                         " actual: " + std::to_string(length_));
    }
    if (kind_ == Kind::Unchecked ||
        std::memcmp(expected_value_.data(), value_.data(), expected_length_) == 0) {
      return;
    }
    if (kind_ == Kind::Integer) {
      int32_t want = 0, got = 0;
      std::memcpy(&want, expected_value_.data(), 4);
      std::memcpy(&got, value_.data(), 4);
      throw SyscallError("Bad getsockopt optval: expected: " + std::to_string(want) +
                         " actual: " + std::to_string(got));
    }
    throw SyscallError("Bad getsockopt optval: expected: '" +
                       printable(expected_value_.data(), expected_length_) + "' actual: '" +
                       printable(value_.data(), length_) + "'");
  }

 private:
  enum class Kind : uint8_t { Unchecked, Integer, String, Struct };
  int live_fd_, level_, name_;
  socklen_t expected_length_;
  Bytes value_;
  socklen_t length_;
  Kind kind_ = Kind::Unchecked;
  Bytes expected_value_;
};

}  // namespace

std::unique_ptr<SyscallCall> make_setsockopt(const CallArguments& args, int64_t) {
  args.expect_count(5);
  const int live_fd = args.live_fd(0);
  const int level = args.s32(1);
  const int name = args.s32(2);
  Bytes value = option_bytes(args.at(3), args.env(), "setsockopt");
  // optlen `...`: the size of the value as built.
  const auto length = static_cast<socklen_t>(
      args.is_ellipsis(4) ? value.size() : static_cast<uint32_t>(args.s32(4)));
  return std::make_unique<SetsockoptCall>(live_fd, level, name, std::move(value), length);
}

std::unique_ptr<SyscallCall> make_getsockopt(const CallArguments& args, int64_t) {
  args.expect_count(5);
  const int live_fd = args.live_fd(0);
  const int level = args.s32(1);
  const int name = args.s32(2);
  const int64_t length = evaluate_bracketed_integer(args.at(4));
  if (length < 0 || length > 65536) {
    throw SyscallError("Unsupported getsockopt optlen: " + std::to_string(length));
  }
  return std::make_unique<GetsockoptCall>(live_fd, level, name, args.at(3),
                                          static_cast<socklen_t>(length), args.env());
}

}  // namespace tcpdrill::runtime
