#include "runtime/priority_inheritance_mutex.h"

#include <system_error>

namespace tcpdrill::runtime {

PriorityInheritanceMutex::PriorityInheritanceMutex() {
  pthread_mutexattr_t attributes;
  pthread_mutexattr_init(&attributes);
  pthread_mutexattr_setprotocol(&attributes, PTHREAD_PRIO_INHERIT);
  const int error = pthread_mutex_init(&mutex_, &attributes);
  pthread_mutexattr_destroy(&attributes);
  if (error != 0) throw std::system_error(error, std::generic_category(), "pthread_mutex_init");
}

PriorityInheritanceMutex::~PriorityInheritanceMutex() { pthread_mutex_destroy(&mutex_); }

void PriorityInheritanceMutex::lock() {
  if (const int error = pthread_mutex_lock(&mutex_); error != 0)
    throw std::system_error(error, std::generic_category(), "pthread_mutex_lock");
}

void PriorityInheritanceMutex::unlock() { pthread_mutex_unlock(&mutex_); }

}  // namespace tcpdrill::runtime
