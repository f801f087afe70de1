#include "runner/report_file.h"

#include <unistd.h>

#include <fstream>
#include <stdexcept>
#include <system_error>

namespace tcpdrill::runner {

void write_report_file(const std::filesystem::path& path,
                       const std::function<void(std::ostream&)>& write) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  fs::path temporary = path;
  temporary += ".tmp" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) throw std::runtime_error("cannot write report " + path.string());
    write(out);
    out.flush();
    if (!out) {
      fs::remove(temporary, ec);
      throw std::runtime_error("cannot write report " + path.string());
    }
  }
  fs::rename(temporary, path, ec);
  if (ec) {
    fs::remove(temporary, ec);
    throw std::runtime_error("cannot write report " + path.string() + ": " + ec.message());
  }
}

}  // namespace tcpdrill::runner
