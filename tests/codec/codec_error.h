#pragma once

#include <string>

#include "codec/packet_codec.h"

namespace tcpdrill::codec::test {

// The message of the CodecError `action` throws, or "no error".
template <typename Action>
std::string codec_error_of(Action&& action) {
  try {
    action();
  } catch (const CodecError& error) {
    return error.what();
  }
  return "no error";
}

}  // namespace tcpdrill::codec::test
