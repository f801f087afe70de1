#include "netdev/termination_cleanup.h"

#include <signal.h>

#include <initializer_list>

#include "netdev/child_group_registry.h"

namespace tcpdrill::netdev {
namespace {

extern "C" void kill_children_then_die(int signo) { kill_child_groups_and_die(signo); }

}  // namespace

void kill_child_groups_and_die(int signo) noexcept {
  kill_registered_child_groups();
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  ::sigaction(signo, &default_action, nullptr);
  // Inside a handler the signal is blocked: it is delivered, now with its default
  // action, when the handler returns.
  ::raise(signo);
}

void kill_child_groups_on_termination() {
  struct sigaction action {};
  action.sa_handler = kill_children_then_die;
  sigemptyset(&action.sa_mask);
  for (int signo : {SIGINT, SIGTERM, SIGHUP}) ::sigaction(signo, &action, nullptr);
}

}  // namespace tcpdrill::netdev
