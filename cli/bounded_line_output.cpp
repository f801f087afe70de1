#include "cli/bounded_line_output.h"

#include "parser/display_text.h"

namespace tcpdrill::cli {
namespace {

// Enough bytes of a line's start and end for kDisplayColumns columns of escaped text.
constexpr std::size_t kHeadBytes = 4 * kDisplayColumns;
constexpr std::size_t kTailBytes = 4 * kDisplayColumns;

}  // namespace

BoundedLineOutput::BoundedLineOutput(std::ostream& target) : std::ostream(nullptr), buffer_(target) {
  rdbuf(&buffer_);
}

BoundedLineOutput::~BoundedLineOutput() { buffer_.emit_pending(); }

void BoundedLineOutput::LineBuffer::emit_pending() {
  if (head_.empty() && tail_.empty()) return;
  // Once bytes were dropped between head and tail the line is far beyond the bound, so
  // the ellipsis falls on them.
  target_ << bounded_line(head_ + tail_);
  head_.clear();
  tail_.clear();
}

void BoundedLineOutput::LineBuffer::put(char c) {
  if (c == '\n') {
    emit_pending();
    target_ << '\n';
    return;
  }
  if (head_.size() < kHeadBytes) {
    head_ += c;
    return;
  }
  tail_ += c;
  if (tail_.size() > 2 * kTailBytes) tail_.erase(0, tail_.size() - kTailBytes);
}

BoundedLineOutput::LineBuffer::int_type BoundedLineOutput::LineBuffer::overflow(int_type c) {
  if (!traits_type::eq_int_type(c, traits_type::eof())) put(traits_type::to_char_type(c));
  return traits_type::not_eof(c);
}

std::streamsize BoundedLineOutput::LineBuffer::xsputn(const char* data, std::streamsize size) {
  for (std::streamsize i = 0; i < size; ++i) put(data[i]);
  return size;
}

int BoundedLineOutput::LineBuffer::sync() {
  emit_pending();
  target_.flush();
  return 0;
}

}  // namespace tcpdrill::cli
