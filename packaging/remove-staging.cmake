# SPDX-License-Identifier: Apache-2.0
# Run by CPack after it has written the package (CPACK_POST_BUILD_SCRIPTS): removes the staged
# installation tree, leaving the package files, which CPack copies out afterwards.
if(CPACK_TEMPORARY_DIRECTORY AND CPACK_TEMPORARY_DIRECTORY MATCHES "/_CPack_Packages/")
    foreach(package IN LISTS CPACK_PACKAGE_FILES)
        cmake_path(IS_PREFIX CPACK_TEMPORARY_DIRECTORY "${package}" inside)
        if(inside)
            message(STATUS "remove-staging: ${package} lies inside the staged tree; kept")
            return()
        endif()
    endforeach()
    file(REMOVE_RECURSE "${CPACK_TEMPORARY_DIRECTORY}")
endif()
