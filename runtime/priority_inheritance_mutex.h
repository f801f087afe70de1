#pragma once

#include <pthread.h>

namespace tcpdrill::runtime {

// A mutex that lends the priority of a waiting thread to the thread holding it. The
// event loop runs real-time; the sniffer does not. When the sniffer holds a lock the
// loop needs (recording a packet) and a busy host preempts it, an ordinary mutex would
// keep the loop waiting until the sniffer is scheduled again, milliseconds later: an
// inbound packet injected late. Lockable, for std::lock_guard.
class PriorityInheritanceMutex {
 public:
  PriorityInheritanceMutex();
  ~PriorityInheritanceMutex();
  PriorityInheritanceMutex(const PriorityInheritanceMutex&) = delete;
  PriorityInheritanceMutex& operator=(const PriorityInheritanceMutex&) = delete;

  void lock();
  void unlock();

 private:
  pthread_mutex_t mutex_;
};

}  // namespace tcpdrill::runtime
