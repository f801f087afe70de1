#pragma once

#include <istream>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "trace/state_timeline.h"

namespace tcpdrill::trace {

// A timeline file that cannot be read back; the text names the file and line.
class TraceError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The timeline as CSV (RFC 4180), one row per StateRow, its packet's columns repeated
// on each socket's row of the same packet:
//   time,line,event,socket,state,ca_state,snd_cwnd,...,unacked,congestion,cc_info,
//   packet_no,direction,packet,seq,end_seq,ack,sack
// time in seconds with 6 decimals; state and ca_state by name; a value the kernel did
// not offer is empty; direction `<` (injected) or `>` (sent by the kernel); sack as
// "left:right left:right".
void write_timeline_csv(std::ostream& out, const StateTimeline& timeline);

// The same as text fields: the header's column names, then one row per StateRow.
struct TimelineTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;
};
TimelineTable timeline_table(const StateTimeline& timeline);

// Reads what write_timeline_csv wrote (columns found by their header names, so files
// with columns added later still read). `name` is for error messages. Throws TraceError.
StateTimeline read_timeline_csv(std::istream& in, const std::string& name);

}  // namespace tcpdrill::trace
