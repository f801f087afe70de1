# Installs the CTest integration as a CMake package, so a project with its own .pkt
# suite can write find_package(tcpdrill) and tcpdrill_add_scripts(DIRECTORY ...).
# The tcpdrill executable itself is installed by cli/ (to CMAKE_INSTALL_BINDIR).
include(CMakePackageConfigHelpers)
include(GNUInstallDirs)

set(TCPDRILL_INSTALL_CMAKEDIR "${CMAKE_INSTALL_LIBDIR}/cmake/tcpdrill")
configure_package_config_file(
  "${PROJECT_SOURCE_DIR}/cmake/tcpdrillConfig.cmake.in"
  "${PROJECT_BINARY_DIR}/cmake/tcpdrillConfig.cmake"
  INSTALL_DESTINATION "${TCPDRILL_INSTALL_CMAKEDIR}"
  PATH_VARS CMAKE_INSTALL_BINDIR)
write_basic_package_version_file(
  "${PROJECT_BINARY_DIR}/cmake/tcpdrillConfigVersion.cmake"
  VERSION "${PROJECT_VERSION}"
  COMPATIBILITY SameMajorVersion)
install(FILES
  "${PROJECT_BINARY_DIR}/cmake/tcpdrillConfig.cmake"
  "${PROJECT_BINARY_DIR}/cmake/tcpdrillConfigVersion.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/TcpdrillScripts.cmake"
  DESTINATION "${TCPDRILL_INSTALL_CMAKEDIR}")
