# tcpdrill_add_scripts(DIRECTORY <dir>
#                      [VARIANTS ipv4 ipv6 ipv4-mapped-ipv6]
#                      [TIMEOUT <seconds>]
#                      [TCPDRILL <executable>]
#                      [PREFIX <name>]
#                      [RETRY_TIMING <n>]
#                      [ARGS <tcpdrill flags>...])
#
# Registers one CTest test per `*.pkt` below DIRECTORY and per variant, named
# "<PREFIX>/<relative path>:<variant>". Each test runs `tcpdrill run` on that single
# script and variant, so the variant's addresses and defines are defined in one place
# (the binary). Exit code 125 (the environment cannot run it) makes CTest report a skip.
#
# The same variant rules as `tcpdrill run` apply: "*v6.pkt" runs only in ipv6,
# "*v4.pkt" never in ipv6, and a script with a `--ip_version=` option line only in that
# variant. VARIANTS defaults to all three; TIMEOUT (seconds per test) to 180.
# RETRY_TIMING reruns a test up to n times when it failed on a timing check only (as
# `tcpdrill run --retry-timing`), for machines whose load delays the kernel's timers;
# a wrong packet or result still fails at once. Default 0.
# TCPDRILL defaults to the `tcpdrill` target of this build, else the imported
# `tcpdrill::tcpdrill` (from find_package(tcpdrill)), else `tcpdrill` in PATH.
# Scripts are globbed at configure time (CONFIGURE_DEPENDS re-globs on build).
include_guard(GLOBAL)

function(_tcpdrill_variant_applies out_var script variant)
  get_filename_component(file_name "${script}" NAME)
  set(applies TRUE)
  if(file_name MATCHES "v6\\.pkt$" AND NOT variant STREQUAL "ipv6")
    set(applies FALSE)
  elseif(file_name MATCHES "v4\\.pkt$" AND variant STREQUAL "ipv6")
    set(applies FALSE)
  endif()
  file(STRINGS "${script}" pinned REGEX "^--ip_version=" LIMIT_COUNT 1)
  if(pinned)
    string(REGEX REPLACE "^--ip_version=([^ \t\r]*).*$" "\\1" pinned "${pinned}")
    if(NOT pinned STREQUAL variant)
      set(applies FALSE)
    endif()
  endif()
  set(${out_var} ${applies} PARENT_SCOPE)
endfunction()

function(tcpdrill_add_scripts)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "DIRECTORY;TIMEOUT;TCPDRILL;PREFIX;RETRY_TIMING" "VARIANTS;ARGS")
  if(arg_UNPARSED_ARGUMENTS)
    message(FATAL_ERROR "tcpdrill_add_scripts: unknown arguments ${arg_UNPARSED_ARGUMENTS}")
  endif()
  if(NOT arg_DIRECTORY)
    message(FATAL_ERROR "tcpdrill_add_scripts: DIRECTORY is required")
  endif()
  get_filename_component(directory "${arg_DIRECTORY}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT IS_DIRECTORY "${directory}")
    message(FATAL_ERROR "tcpdrill_add_scripts: ${directory} is not a directory")
  endif()
  if(NOT arg_VARIANTS)
    set(arg_VARIANTS ipv4 ipv6 ipv4-mapped-ipv6)
  endif()
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT 180)
  endif()
  if(NOT arg_TIMEOUT MATCHES "^[0-9]+$" OR arg_TIMEOUT EQUAL 0)
    message(FATAL_ERROR "tcpdrill_add_scripts: TIMEOUT wants whole seconds > 0, not ${arg_TIMEOUT}")
  endif()
  if(NOT arg_RETRY_TIMING)
    set(arg_RETRY_TIMING 0)
  endif()
  if(NOT arg_RETRY_TIMING MATCHES "^[0-9]+$")
    message(FATAL_ERROR "tcpdrill_add_scripts: RETRY_TIMING wants a whole number, not ${arg_RETRY_TIMING}")
  endif()
  if(NOT arg_PREFIX)
    get_filename_component(arg_PREFIX "${directory}" NAME)
  endif()

  if(arg_TCPDRILL)
    set(tcpdrill "${arg_TCPDRILL}")
  elseif(TARGET tcpdrill)
    set(tcpdrill "$<TARGET_FILE:tcpdrill>")
  elseif(TARGET tcpdrill::tcpdrill)
    set(tcpdrill "$<TARGET_FILE:tcpdrill::tcpdrill>")
  else()
    find_program(TCPDRILL_EXECUTABLE tcpdrill REQUIRED)
    set(tcpdrill "${TCPDRILL_EXECUTABLE}")
  endif()

  set(flag_ipv4 "-4")
  set(flag_ipv6 "-6")
  set(flag_ipv4-mapped-ipv6 "--mapped")
  foreach(variant IN LISTS arg_VARIANTS)
    if(NOT DEFINED flag_${variant})
      message(FATAL_ERROR "tcpdrill_add_scripts: unknown variant '${variant}' "
                          "(ipv4, ipv6, ipv4-mapped-ipv6)")
    endif()
  endforeach()

  file(GLOB_RECURSE scripts CONFIGURE_DEPENDS "${directory}/*.pkt")
  list(SORT scripts)
  if(NOT scripts)
    message(WARNING "tcpdrill_add_scripts: no *.pkt scripts under ${directory}")
  endif()
  # CTest's own limit sits above the runner's, so a hung test is reported by tcpdrill
  # (with its log) rather than cut off by CTest.
  math(EXPR ctest_timeout "${arg_TIMEOUT} + 30")
  foreach(script IN LISTS scripts)
    file(RELATIVE_PATH relative "${directory}" "${script}")
    get_filename_component(script_dir "${script}" DIRECTORY)
    foreach(variant IN LISTS arg_VARIANTS)
      _tcpdrill_variant_applies(applies "${script}" "${variant}")
      if(NOT applies)
        continue()
      endif()
      set(name "${arg_PREFIX}/${relative}:${variant}")
      add_test(NAME "${name}"
               COMMAND "${tcpdrill}" run -j 1 ${flag_${variant}} --timeout ${arg_TIMEOUT}
                       --retry-timing ${arg_RETRY_TIMING} "${script}" -- ${arg_ARGS}
               WORKING_DIRECTORY "${script_dir}")
      set_tests_properties("${name}" PROPERTIES
        SKIP_RETURN_CODE 125
        TIMEOUT ${ctest_timeout}
        LABELS "tcpdrill;${variant}")
    endforeach()
  endforeach()
endfunction()
