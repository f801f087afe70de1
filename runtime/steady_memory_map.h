#pragma once

namespace tcpdrill::runtime {

// Sets the process up so that the timed part of a run maps and unmaps no memory. malloc
// gets one arena for every thread, a heap reserved now and never trimmed, and takes
// buffers up to glibc's largest mmap threshold (32 MiB) from it. glibc gets finished
// threads' stacks to give to the threads a run starts later (the sniffer, the call
// watchdog, a blocking call's). Call once, after the default thread stack size is set
// and before the run's threads start; it holds for the rest of the process.
//
// Why: a thread's first allocation maps a malloc arena of its own (the sniffer's came
// with the script's first packet), the heap grows and shrinks with the script's buffers,
// and a new thread maps its stack. Each change to the memory map frees kernel objects
// through RCU, and the grace period that follows keeps another CPU's tick running. That
// CPU then advances jiffies, and a timer armed for the next jiffy on the run's CPU -- the
// delayed ACK of a FIN -- fires a tick late (docs/compatibility.md, "Why the other CPU
// keeps jiffies after the pause").
void make_memory_map_steady();

}  // namespace tcpdrill::runtime
