#include "vm/kernel_module_set.h"

#include <gtest/gtest.h>

#include <sstream>

namespace tcpdrill::vm {
namespace {

TEST(KernelModuleSet, TakesNetworkingAndVirtualDevicesWithTheirDependencies) {
  std::istringstream dep(
      "kernel/net/sched/sch_fq.ko.xz:\n"
      "kernel/net/netfilter/nf_conntrack.ko.xz: kernel/net/netfilter/nf_defrag_ipv4.ko.xz kernel/lib/libcrc32c.ko.xz\n"
      "kernel/net/netfilter/nf_defrag_ipv4.ko.xz:\n"
      "kernel/lib/libcrc32c.ko.xz: kernel/crypto/crc32c_generic.ko.xz\n"
      "kernel/crypto/crc32c_generic.ko.xz:\n"
      "kernel/drivers/net/tun.ko.xz:\n"
      "kernel/drivers/net/veth.ko.xz:\n"
      "kernel/fs/xfs/xfs.ko.xz: kernel/lib/libcrc32c.ko.xz\n"
      "kernel/drivers/net/ethernet/intel/e1000e/e1000e.ko.xz:\n");
  const auto modules = guest_modules(dep);
  EXPECT_EQ(modules, (std::set<std::filesystem::path>{
                         "kernel/net/sched/sch_fq.ko.xz", "kernel/net/netfilter/nf_conntrack.ko.xz",
                         "kernel/net/netfilter/nf_defrag_ipv4.ko.xz", "kernel/lib/libcrc32c.ko.xz",
                         "kernel/crypto/crc32c_generic.ko.xz", "kernel/drivers/net/tun.ko.xz",
                         "kernel/drivers/net/veth.ko.xz"}));
  EXPECT_TRUE(is_guest_module_file("modules.dep.bin", modules));
  EXPECT_TRUE(is_guest_module_file("kernel/drivers/net/tun.ko.xz", modules));
  EXPECT_FALSE(is_guest_module_file("kernel/fs/xfs/xfs.ko.xz", modules));
}

}  // namespace
}  // namespace tcpdrill::vm
