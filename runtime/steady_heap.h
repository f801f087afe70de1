#pragma once

namespace tcpdrill::runtime {

// Sets malloc up so that the timed part of a run maps and unmaps no memory: one arena
// for every thread, a heap reserved now and never trimmed, and buffers up to glibc's
// largest mmap threshold (32 MiB) taken from it. Call once, before the run's threads
// start; it holds for the rest of the process.
//
// Why: a thread's first allocation maps a malloc arena of its own (the sniffer's came
// with the script's first packet), and the heap grows and shrinks with the script's
// buffers. Each change to the memory map frees kernel objects through RCU, and the grace
// period that follows keeps another CPU's tick running. That CPU then advances jiffies,
// and a timer armed for the next jiffy on the run's CPU -- the delayed ACK of a FIN --
// fires a tick late (docs/compatibility.md, "What decides between the first and the
// second tick").
void make_heap_steady();

}  // namespace tcpdrill::runtime
