#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace tcpdrill::vm {

// What the dynamic loader reads from an ELF file to know what else to map: its program
// interpreter, the sonames it needs and where to look for them first.
struct ElfDynamicInfo {
  unsigned machine = 0;  // e_machine: a library of another architecture does not satisfy
  std::string interpreter;  // PT_INTERP; empty for libraries and static programs
  std::vector<std::string> needed;  // DT_NEEDED, in order
  std::vector<std::string> search_paths;  // DT_RUNPATH, else DT_RPATH, split at ':'
};

// Reads a 64-bit little-endian ELF file; nullopt for anything else (scripts, 32-bit
// programs, damaged files), which then has no dependencies of its own.
std::optional<ElfDynamicInfo> read_elf_dynamic_info(const std::filesystem::path& file);

}  // namespace tcpdrill::vm
