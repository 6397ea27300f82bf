/*
 * translator/capstone_dyn.c — opens libcapstone at run time (see capstone_dyn.h for why).
 */
#include "translator/capstone_dyn.h"

#include "cpu/host_library.h"

#define CAPSTONE_DYN_ENTRY(name, ret, params) HOST_SYMBOL(capstone_dyn, name)
HOST_LIBRARY_LOADER(capstone, "libcapstone.so.4", "--explain", "libcapstone4", CAPSTONE_DYN_FUNCTIONS(CAPSTONE_DYN_ENTRY))
