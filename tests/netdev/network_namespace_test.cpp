#include "netdev/network_namespace.h"

#include <gtest/gtest.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <thread>

#include "kernel_test_support.h"
#include "netdev/netdev_error.h"
#include "netdev/scratch_namespace.h"
#include "netdev/sysctl.h"

namespace tcpdrill::netdev {
namespace {

TEST(NetworkNamespaceTest, EntersAFreshNamespaceWithLoopbackUp) {
  SKIP_WITHOUT_KERNEL();
  const ino_t ours = current_network_namespace_inode();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace&) {
    const nlohmann::json links = test::ip_json("link show");
    return std::to_string(current_network_namespace_inode()) + " " + links.dump();
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  EXPECT_NE(outcome.text.substr(0, outcome.text.find(' ')), std::to_string(ours));
  const nlohmann::json links = nlohmann::json::parse(outcome.text.substr(outcome.text.find(' ') + 1));
  ASSERT_EQ(links.size(), 1u) << "a fresh namespace has lo only: " << links.dump();
  EXPECT_EQ(links[0]["ifname"], "lo");
  EXPECT_NE(std::find(links[0]["flags"].begin(), links[0]["flags"].end(), "UP"), links[0]["flags"].end());
}

TEST(NetworkNamespaceTest, LeavingReturnsToThePreviousNamespace) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace&) {
    const ino_t outer = current_network_namespace_inode();
    ino_t inner = 0;
    {
      const NetworkNamespace nested = NetworkNamespace::enter();
      inner = nested.inode();
      if (nested.kind() != NamespaceKind::Privileged) return std::string("not privileged");
    }
    return std::string(inner != outer && current_network_namespace_inode() == outer ? "back" : "lost");
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  EXPECT_EQ(outcome.text, "back");
}

TEST(NetworkNamespaceTest, NonRootUsesAUserNamespaceOrSaysWhyNot) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace&) {
    if (::setgid(65534) != 0 || ::setuid(65534) != 0) return std::string("cannot drop root");
    // Dropping root makes the process non-dumpable, which hands /proc/self/uid_map to
    // root; a user who never was root keeps it, so the test puts that back.
    ::prctl(PR_SET_DUMPABLE, 1);
    try {
      const NetworkNamespace unprivileged = NetworkNamespace::enter();
      return std::string(unprivileged.kind() == NamespaceKind::UserNamespace ? "user namespace" : "privileged?");
    } catch (const NetdevError& error) {
      return std::string(error.what());
    }
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  const Sysctl sysctl;
  const auto is = [&sysctl](const char* name, const char* value) {
    return sysctl.exists(name) && sysctl.read(name) == value;
  };
  const bool host_allows_them = !is("user.max_user_namespaces", "0") && !is("kernel.unprivileged_userns_clone", "0") &&
                                !is("kernel.apparmor_restrict_unprivileged_userns", "1");
  if (host_allows_them) {
    EXPECT_EQ(outcome.text, "user namespace");
  } else {
    EXPECT_NE(outcome.text.find("unprivileged user namespaces are not usable, because"), std::string::npos)
        << outcome.text;
  }
}

TEST(NetworkNamespaceTest, RefusesAMultithreadedProcess) {
  SKIP_WITHOUT_KERNEL();
  const ScratchOutcome outcome = run_in_scratch_namespace([](const NetworkNamespace&) {
    std::thread idle([] { ::sleep(1); });
    std::string message = "entered";
    try {
      const NetworkNamespace late = NetworkNamespace::enter();
    } catch (const NetdevError& error) {
      message = error.what();
    }
    idle.join();
    return message;
  });
  ASSERT_TRUE(outcome.ok) << outcome.text;
  EXPECT_NE(outcome.text.find("already runs 2 threads"), std::string::npos) << outcome.text;
}

}  // namespace
}  // namespace tcpdrill::netdev
