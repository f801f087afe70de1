#pragma once

#include <pthread.h>

namespace tcpdrill::runtime {

// Knocks a thread out of a blocking syscall: sends it a signal whose handler does
// nothing and is installed without SA_RESTART, so accept(), read(), connect(), poll()
// ... return EINTR. Used for calls that hang (a missing `...END`) and for blocking calls
// still pending when a run ends.
void interrupt_thread(pthread_t thread);

}  // namespace tcpdrill::runtime
