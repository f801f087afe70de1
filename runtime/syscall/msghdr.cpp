#include "runtime/syscall/msghdr.h"

#include <linux/errqueue.h>
#include <linux/netlink.h>
#include <linux/tcp.h>
#include <netinet/in.h>

#include <array>
#include <cstdlib>
#include <cstring>

#include "runtime/syscall/call_arguments.h"
#include "runtime/syscall/symbol_table.h"
#include "runtime/syscall/syscall_error.h"

namespace tcpdrill::runtime {
namespace {

struct NlaInfo {
  const char* name;
  uint16_t size;
  bool tolerance;  // a duration in usecs, compared within the run's tolerance
};

// Sizes of the SCM_TIMESTAMPING_OPT_STATS attributes, from tcp_get_timestamping_opt_stats().
const NlaInfo* nla_info(uint16_t type) {
  static const auto kInfo = std::to_array<std::pair<uint16_t, NlaInfo>>({
      {TCP_NLA_PAD, {"TCP_NLA_PAD", 4, false}},
      {TCP_NLA_BUSY, {"TCP_NLA_BUSY", 8, true}},
      {TCP_NLA_RWND_LIMITED, {"TCP_NLA_RWND_LIMITED", 8, true}},
      {TCP_NLA_SNDBUF_LIMITED, {"TCP_NLA_SNDBUF_LIMITED", 8, true}},
      {TCP_NLA_DATA_SEGS_OUT, {"TCP_NLA_DATA_SEGS_OUT", 8, false}},
      {TCP_NLA_TOTAL_RETRANS, {"TCP_NLA_TOTAL_RETRANS", 8, false}},
      {TCP_NLA_PACING_RATE, {"TCP_NLA_PACING_RATE", 8, false}},
      {TCP_NLA_DELIVERY_RATE, {"TCP_NLA_DELIVERY_RATE", 8, false}},
      {TCP_NLA_SND_CWND, {"TCP_NLA_SND_CWND", 4, false}},
      {TCP_NLA_REORDERING, {"TCP_NLA_REORDERING", 4, false}},
      {TCP_NLA_MIN_RTT, {"TCP_NLA_MIN_RTT", 4, false}},
      {TCP_NLA_RECUR_RETRANS, {"TCP_NLA_RECUR_RETRANS", 1, false}},
      {TCP_NLA_DELIVERY_RATE_APP_LMT, {"TCP_NLA_DELIVERY_RATE_APP_LMT", 1, false}},
      {TCP_NLA_SNDQ_SIZE, {"TCP_NLA_SNDQ_SIZE", 4, false}},
      {TCP_NLA_CA_STATE, {"TCP_NLA_CA_STATE", 1, false}},
      {TCP_NLA_SND_SSTHRESH, {"TCP_NLA_SND_SSTHRESH", 4, false}},
      {TCP_NLA_DELIVERED, {"TCP_NLA_DELIVERED", 4, false}},
      {TCP_NLA_DELIVERED_CE, {"TCP_NLA_DELIVERED_CE", 4, false}},
      {TCP_NLA_BYTES_SENT, {"TCP_NLA_BYTES_SENT", 8, false}},
      {TCP_NLA_BYTES_RETRANS, {"TCP_NLA_BYTES_RETRANS", 8, false}},
      {TCP_NLA_DSACK_DUPS, {"TCP_NLA_DSACK_DUPS", 4, false}},
      {TCP_NLA_REORD_SEEN, {"TCP_NLA_REORD_SEEN", 4, false}},
      {TCP_NLA_SRTT, {"TCP_NLA_SRTT", 4, false}},
      {TCP_NLA_TIMEOUT_REHASH, {"TCP_NLA_TIMEOUT_REHASH", 2, false}},
      {TCP_NLA_BYTES_NOTSENT, {"TCP_NLA_BYTES_NOTSENT", 4, false}},
      {TCP_NLA_EDT, {"TCP_NLA_EDT", 8, false}},
      {TCP_NLA_TTL, {"TCP_NLA_TTL", 1, false}},
  });
  for (const auto& [key, info] : kInfo) {
    if (key == type) return &info;
  }
  return nullptr;
}

template <typename T>
void append_bytes(std::vector<unsigned char>& out, const T& value) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(&value);
  out.insert(out.end(), bytes, bytes + sizeof(T));
}

int64_t field_value(const ast::ExpressionList& list, std::string_view name) {
  const ast::NamedField* field = find_field(list, name);
  return field != nullptr ? evaluate_integer(*field->value) : 0;
}

std::vector<unsigned char> timestamping_payload(const ast::ExpressionList& list) {
  scm_timestamping stamps{};
  stamps.ts[0].tv_sec = field_value(list, "scm_sec");
  stamps.ts[0].tv_nsec = field_value(list, "scm_nsec");
  std::vector<unsigned char> payload;
  append_bytes(payload, stamps);
  return payload;
}

// ip(v6)_recv_error() appends the offender's address to the sock_extended_err.
std::vector<unsigned char> extended_error_payload(const ast::ExpressionList& list, int level) {
  sock_extended_err error{};
  error.ee_errno = static_cast<uint32_t>(field_value(list, "ee_errno"));
  error.ee_origin = static_cast<uint8_t>(field_value(list, "ee_origin"));
  error.ee_type = static_cast<uint8_t>(field_value(list, "ee_type"));
  error.ee_code = static_cast<uint8_t>(field_value(list, "ee_code"));
  error.ee_info = static_cast<uint32_t>(field_value(list, "ee_info"));
  error.ee_data = static_cast<uint32_t>(field_value(list, "ee_data"));
  std::vector<unsigned char> payload;
  append_bytes(payload, error);
  payload.resize(payload.size() + (level == SOL_IP ? sizeof(sockaddr_in) : sizeof(sockaddr_in6)));
  return payload;
}

void parse_stats(const ast::ExpressionList& list, CmsgSpec& cmsg) {
  for (const ast::Expression& element : list.elements) {
    const auto* field = std::get_if<ast::NamedField>(&element.value);
    if (field == nullptr)
      throw SyscallError("Bad type; actual: " + expression_type_name(element) +
                         " expected: TCP_NLA_x=value");
    const auto type = static_cast<uint16_t>(SymbolTable::linux_symbols().resolve(field->name));
    const NlaInfo* info = nla_info(type);
    if (info == nullptr) throw SyscallError("bad NLA type " + std::to_string(type));
    NlaSpec nla{type, info->size, std::nullopt};
    if (!is_ellipsis(*field->value))
      nla.value = static_cast<uint64_t>(evaluate_integer(*field->value));
    // nlattr header, value, padding to 4 bytes.
    nlattr header{static_cast<uint16_t>(NLA_HDRLEN + info->size), type};
    append_bytes(cmsg.payload, header);
    const uint64_t value = nla.value.value_or(0);
    const auto* bytes = reinterpret_cast<const unsigned char*>(&value);
    cmsg.payload.insert(cmsg.payload.end(), bytes, bytes + info->size);
    cmsg.payload.resize(cmsg.payload.size() + (NLA_ALIGN(info->size) - info->size));
    cmsg.stats.push_back(nla);
  }
}

CmsgSpec parse_cmsg(const ast::Expression& expression) {
  const ast::ExpressionList& list = expect_list(expression);
  const ast::NamedField* data = find_field(list, "cmsg_data");
  if (data == nullptr || find_field(list, "cmsg_level") == nullptr ||
      find_field(list, "cmsg_type") == nullptr) {
    throw SyscallError("cmsg needs cmsg_level, cmsg_type and cmsg_data");
  }
  CmsgSpec cmsg;
  cmsg.level = static_cast<int>(field_value(list, "cmsg_level"));
  cmsg.type = static_cast<int>(field_value(list, "cmsg_type"));
  const ast::Expression& value = *data->value;
  const auto* fields = std::get_if<ast::ExpressionList>(&value.value);
  if (fields == nullptr) {
    cmsg.kind = CmsgSpec::Kind::Integer;
    append_bytes(cmsg.payload, evaluate_s32(value));
  } else if (find_field(*fields, "scm_sec") || find_field(*fields, "scm_nsec")) {
    cmsg.kind = CmsgSpec::Kind::Timestamping;
    cmsg.payload = timestamping_payload(*fields);
  } else if (find_field(*fields, "ee_errno") || find_field(*fields, "ee_origin")) {
    cmsg.kind = CmsgSpec::Kind::ExtendedError;
    cmsg.payload = extended_error_payload(*fields, cmsg.level);
  } else {
    cmsg.kind = CmsgSpec::Kind::OptStats;
    parse_stats(*fields, cmsg);
  }
  return cmsg;
}

template <typename T>
T read_at(const unsigned char* data) {
  T value;
  std::memcpy(&value, data, sizeof value);
  return value;
}

std::string cmsg_prefix(const char* what, std::size_t index) {
  return std::string("Bad ") + what + " in cmsg " + std::to_string(index) + ": ";
}

void compare_extended_error(const unsigned char* expected_data, const unsigned char* actual_data,
                            std::size_t index) {
  const auto expected = read_at<sock_extended_err>(expected_data);
  const auto actual = read_at<sock_extended_err>(actual_data);
  auto check = [index](const char* field, uint32_t want, uint32_t got) {
    if (want != got) {
      throw SyscallError(std::string("Bad ") + field + " in extended err " + std::to_string(index) +
                         ": expected=" + std::to_string(want) + " actual=" + std::to_string(got));
    }
  };
  check("errno", expected.ee_errno, actual.ee_errno);
  check("origin", expected.ee_origin, actual.ee_origin);
  check("type", expected.ee_type, actual.ee_type);
  check("code", expected.ee_code, actual.ee_code);
  check("info", expected.ee_info, actual.ee_info);
  check("data", expected.ee_data, actual.ee_data);
}

void compare_timestamping(const unsigned char* expected_data, const unsigned char* actual_data,
                          std::size_t index, const SyscallEnvironment& env) {
  const auto expected = read_at<scm_timestamping>(expected_data);
  const auto actual = read_at<scm_timestamping>(actual_data);
  for (std::size_t i = 0; i < 3; ++i) {
    const timespec& want = expected.ts[i];
    if (want.tv_sec == 0 && want.tv_nsec == 0) continue;  // not scripted: ignored
    const int64_t want_usecs = env.to_wall_usecs(want.tv_sec * 1000000 + want.tv_nsec / 1000);
    const int64_t got_usecs = actual.ts[i].tv_sec * 1000000 + actual.ts[i].tv_nsec / 1000;
    if (std::llabs(want_usecs - got_usecs) > env.tolerance_usecs) {
      throw SyscallError("Bad timestamp " + std::to_string(i) + " in scm_timestamping " +
                         std::to_string(index) + ": expected=" + std::to_string(want_usecs) +
                         " actual=" + std::to_string(got_usecs) + " usecs (off by " +
                         std::to_string(got_usecs - want_usecs) + ", tolerance " +
                         std::to_string(env.tolerance_usecs) + ")");
    }
  }
}

void compare_stats(const CmsgSpec& expected, const unsigned char* actual, std::size_t index,
                   const SyscallEnvironment& env) {
  std::size_t offset = 0;
  for (const NlaSpec& nla : expected.stats) {
    const auto header = read_at<nlattr>(actual + offset);
    if (header.nla_type != nla.type) {
      throw SyscallError("Bad nla_type " + std::to_string(index) + ": expected=" +
                         std::to_string(nla.type) + " actual=" + std::to_string(header.nla_type));
    }
    if (header.nla_len != NLA_HDRLEN + nla.size) {
      throw SyscallError("Bad nla_len " + std::to_string(index) +
                         ": expected=" + std::to_string(NLA_HDRLEN + nla.size) +
                         " actual=" + std::to_string(header.nla_len));
    }
    uint64_t got = 0;
    std::memcpy(&got, actual + offset + NLA_HDRLEN, nla.size);
    offset += NLA_ALIGN(header.nla_len);
    if (!nla.value) continue;
    const uint64_t want = *nla.value;
    const NlaInfo* info = nla_info(nla.type);
    const bool within = info->tolerance && want != 0
                            ? std::llabs(static_cast<int64_t>(want - got)) <= env.tolerance_usecs
                            : want == got;
    if (!within) {
      throw SyscallError(std::string("Bad ") + info->name + ": expected=" + std::to_string(want) +
                         " actual=" + std::to_string(got));
    }
  }
}

}  // namespace

MessageSpec parse_message(const ast::Expression& expression) {
  const ast::ExpressionList& list = expect_list(expression);
  MessageSpec spec;
  spec.has_name = find_field(list, "msg_name") != nullptr;
  if (const ast::NamedField* iov = find_field(list, "msg_iov")) {
    spec.iovecs = make_iovecs(*iov->value);
    const int64_t iovlen = iov->count.value_or(static_cast<int64_t>(spec.iovecs.entries.size()));
    if (iovlen != static_cast<int64_t>(spec.iovecs.entries.size())) {
      throw SyscallError("msg_iovlen " + std::to_string(iovlen) + " does not match " +
                         std::to_string(spec.iovecs.entries.size()) + "-element iovec array");
    }
  }
  if (const ast::NamedField* flags = find_field(list, "msg_flags")) {
    spec.flags = evaluate_s32(*flags->value);
  }
  if (const ast::NamedField* control = find_field(list, "msg_control")) {
    for (const ast::Expression& cmsg : expect_list(*control->value).elements) {
      spec.control.push_back(parse_cmsg(cmsg));
    }
  }
  return spec;
}

LiveMessage::LiveMessage(const MessageSpec& spec, const LiveSockaddr* name)
    : iov_(spec.iovecs.entries) {
  if (name != nullptr) {
    name_ = *name;
    header_.msg_name = name_.get();
    header_.msg_namelen = name_.length;
  }
  header_.msg_iov = iov_.data();
  header_.msg_iovlen = iov_.size();
  // The kernel writes msg_flags back only on success, so a failed recvmsg() leaves the
  // script's value in place and the comparison passes, as in packetdrill.
  header_.msg_flags = spec.flags;
  std::size_t space = 0;
  for (const CmsgSpec& cmsg : spec.control) space += CMSG_SPACE(cmsg.payload.size());
  if (space == 0) return;
  control_.assign(space / sizeof(uint64_t) + 1, 0);
  header_.msg_control = control_.data();
  header_.msg_controllen = space;
  cmsghdr* live = CMSG_FIRSTHDR(&header_);
  for (const CmsgSpec& cmsg : spec.control) {
    live->cmsg_level = cmsg.level;
    live->cmsg_type = cmsg.type;
    live->cmsg_len = CMSG_LEN(cmsg.payload.size());
    std::memcpy(CMSG_DATA(live), cmsg.payload.data(), cmsg.payload.size());
    live = CMSG_NXTHDR(&header_, live);
  }
}

void compare_cmsgs(const std::vector<CmsgSpec>& expected, const msghdr& actual,
                   const SyscallEnvironment& env) {
  auto& message = const_cast<msghdr&>(actual);  // CMSG_NXTHDR takes a non-const msghdr
  cmsghdr* live = actual.msg_controllen > 0 ? CMSG_FIRSTHDR(&message) : nullptr;
  std::size_t index = 0;
  for (; index < expected.size() && live != nullptr; ++index, live = CMSG_NXTHDR(&message, live)) {
    const CmsgSpec& want = expected[index];
    if (live->cmsg_level != want.level) {
      throw SyscallError(cmsg_prefix("level", index) + "expected=" + std::to_string(want.level) +
                         " actual=" + std::to_string(live->cmsg_level));
    }
    if (live->cmsg_type != want.type) {
      throw SyscallError(cmsg_prefix("type", index) + "expected=" + std::to_string(want.type) +
                         " actual=" + std::to_string(live->cmsg_type));
    }
    if (live->cmsg_len != CMSG_LEN(want.payload.size())) {
      throw SyscallError(cmsg_prefix("len", index) +
                         "expected=" + std::to_string(CMSG_LEN(want.payload.size())) +
                         " actual=" + std::to_string(live->cmsg_len));
    }
    const unsigned char* got = CMSG_DATA(live);
    const bool recverr = (want.level == SOL_IP && want.type == IP_RECVERR) ||
                         (want.level == SOL_IPV6 && want.type == IPV6_RECVERR);
    if (recverr) {
      compare_extended_error(want.payload.data(), got, index);
    } else if (want.level == SOL_SOCKET && want.type == SCM_TIMESTAMPING) {
      compare_timestamping(want.payload.data(), got, index, env);
    } else if (want.level == SOL_SOCKET && want.type == SCM_TIMESTAMPING_OPT_STATS) {
      compare_stats(want, got, index, env);
    } else if (std::memcmp(want.payload.data(), got, want.payload.size()) != 0) {
      throw SyscallError(cmsg_prefix("data", index) + "payload bytes differ");
    }
  }
  if (live != nullptr) throw SyscallError("received more than " + std::to_string(index) + " cmsgs");
  if (index < expected.size())
    throw SyscallError("received only " + std::to_string(index) + " cmsgs");
}

}  // namespace tcpdrill::runtime
