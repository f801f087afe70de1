#pragma once

#include <optional>
#include <stdexcept>
#include <string>

namespace tcpdrill {

// Why a path could not be read as a regular file. A FIFO would block open() and read()
// until a writer comes, perhaps never; a device may never end; a directory has no text.
class RegularFileError : public std::runtime_error {
 public:
  // kind: "a directory", "a FIFO (named pipe)", ...; empty when the read itself failed
  // (then `reason` is the system's, e.g. "No such file or directory").
  RegularFileError(std::string path, std::string kind, const std::string& reason)
      : std::runtime_error(kind.empty() ? "cannot read " + path + ": " + reason
                                        : path + " is " + kind + ", not a regular file"),
        path_(std::move(path)), kind_(std::move(kind)), reason_(reason) {}

  const std::string& path() const { return path_; }
  const std::string& kind() const { return kind_; }
  const std::string& reason() const { return reason_; }

 private:
  std::string path_;
  std::string kind_;
  std::string reason_;
};

// What the path names when that is not a regular file (symbolic links followed): "a
// directory", "a FIFO (named pipe)", "a character device", "a block device", "a socket".
// nullopt for a regular file and for a path that cannot be examined.
std::optional<std::string> non_regular_kind(const std::string& path);

// The whole content of a regular file. Never opens anything else, and never blocks on
// what was swapped in between the check and the open. Throws RegularFileError.
std::string read_regular_file(const std::string& path);

}  // namespace tcpdrill
