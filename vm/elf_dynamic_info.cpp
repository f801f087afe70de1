#include "vm/elf_dynamic_info.h"

#include <elf.h>

#include <cstring>
#include <fstream>

namespace tcpdrill::vm {
namespace {

// Reads only the headers and strings asked for: the files are programs and libraries of
// many megabytes whose code does not matter here.
class ElfReader {
 public:
  explicit ElfReader(const std::filesystem::path& file) : in_(file, std::ios::binary) {}
  explicit operator bool() const { return static_cast<bool>(in_); }

  template <typename T>
  bool read_at(std::uint64_t offset, T& value) {
    in_.clear();
    in_.seekg(static_cast<std::streamoff>(offset));
    return static_cast<bool>(in_.read(reinterpret_cast<char*>(&value), sizeof(T)));
  }

  std::string string_at(std::uint64_t offset) {
    in_.clear();
    in_.seekg(static_cast<std::streamoff>(offset));
    std::string text;
    std::getline(in_, text, '\0');
    return text;
  }

 private:
  std::ifstream in_;
};

std::vector<std::string> split_paths(const std::string& list) {
  std::vector<std::string> paths;
  std::size_t start = 0;
  while (start <= list.size()) {
    const std::size_t colon = list.find(':', start);
    const std::string path = list.substr(start, colon == std::string::npos ? std::string::npos : colon - start);
    if (!path.empty()) paths.push_back(path);
    if (colon == std::string::npos) break;
    start = colon + 1;
  }
  return paths;
}

}  // namespace

std::optional<ElfDynamicInfo> read_elf_dynamic_info(const std::filesystem::path& file) {
  ElfReader elf(file);
  if (!elf) return std::nullopt;
  Elf64_Ehdr header;
  if (!elf.read_at(0, header) || std::memcmp(header.e_ident, ELFMAG, SELFMAG) != 0 ||
      header.e_ident[EI_CLASS] != ELFCLASS64 || header.e_ident[EI_DATA] != ELFDATA2LSB ||
      header.e_phentsize != sizeof(Elf64_Phdr)) {
    return std::nullopt;
  }
  ElfDynamicInfo info;
  info.machine = header.e_machine;
  std::vector<Elf64_Phdr> loads;
  std::optional<Elf64_Phdr> dynamic;
  for (unsigned i = 0; i < header.e_phnum; ++i) {
    Elf64_Phdr segment;
    if (!elf.read_at(header.e_phoff + std::uint64_t{i} * sizeof segment, segment)) return std::nullopt;
    if (segment.p_type == PT_LOAD) loads.push_back(segment);
    if (segment.p_type == PT_DYNAMIC) dynamic = segment;
    if (segment.p_type == PT_INTERP) info.interpreter = elf.string_at(segment.p_offset);
  }
  if (!dynamic) return info;

  // The dynamic section names its string table by address; the loads map it to the file.
  const auto file_offset = [&](std::uint64_t address) -> std::optional<std::uint64_t> {
    for (const Elf64_Phdr& load : loads) {
      if (address >= load.p_vaddr && address - load.p_vaddr < load.p_filesz) {
        return load.p_offset + (address - load.p_vaddr);
      }
    }
    return std::nullopt;
  };
  std::vector<std::uint64_t> needed_offsets;
  std::optional<std::uint64_t> strtab, runpath, rpath;
  for (std::uint64_t at = dynamic->p_offset; at + sizeof(Elf64_Dyn) <= dynamic->p_offset + dynamic->p_filesz;
       at += sizeof(Elf64_Dyn)) {
    Elf64_Dyn entry;
    if (!elf.read_at(at, entry) || entry.d_tag == DT_NULL) break;
    if (entry.d_tag == DT_NEEDED) needed_offsets.push_back(entry.d_un.d_val);
    if (entry.d_tag == DT_STRTAB) strtab = file_offset(entry.d_un.d_ptr);
    if (entry.d_tag == DT_RUNPATH) runpath = entry.d_un.d_val;
    if (entry.d_tag == DT_RPATH) rpath = entry.d_un.d_val;
  }
  if (!strtab) return info;
  for (std::uint64_t offset : needed_offsets) info.needed.push_back(elf.string_at(*strtab + offset));
  if (runpath) info.search_paths = split_paths(elf.string_at(*strtab + *runpath));
  else if (rpath) info.search_paths = split_paths(elf.string_at(*strtab + *rpath));
  return info;
}

}  // namespace tcpdrill::vm
