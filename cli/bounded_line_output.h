#pragma once

#include <ostream>
#include <streambuf>
#include <string>

namespace tcpdrill::cli {

// An ostream whose lines reach `target` bounded and escaped (parser/display_text.h): the
// -v output quotes script text (syscall names, payloads), which may be anything.
class BoundedLineOutput : public std::ostream {
 public:
  explicit BoundedLineOutput(std::ostream& target);
  ~BoundedLineOutput() override;
  BoundedLineOutput(const BoundedLineOutput&) = delete;
  BoundedLineOutput& operator=(const BoundedLineOutput&) = delete;

 private:
  class LineBuffer : public std::streambuf {
   public:
    explicit LineBuffer(std::ostream& target) : target_(target) {}
    void emit_pending();

   protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* data, std::streamsize size) override;
    int sync() override;

   private:
    void put(char c);

    std::ostream& target_;
    // A line's start and, once it grew beyond that, its last bytes: all that a bounded
    // line shows, however long the line.
    std::string head_;
    std::string tail_;
  };
  LineBuffer buffer_;
};

}  // namespace tcpdrill::cli
