#pragma once

#include <stdexcept>

namespace tcpdrill::vm {

// This machine cannot run the guest or the guest cannot run scripts: no QEMU, a kernel
// that does not exist, cannot be fetched, does not boot or lacks TUN. Reported as one
// line and exit 125, which tells `git bisect run` to skip the commit.
class VmUnavailable : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace tcpdrill::vm
