/*
 * devices/slirp_dyn.c — opens libslirp at run time (see slirp_dyn.h for why).
 */
#define SLIRP_DYN_IMPLEMENTATION
#include "devices/slirp_dyn.h"

#include "cpu/host_library.h"

#define SLIRP_DYN_ENTRY(name, ret, params) HOST_SYMBOL(slirp_dyn, name)
HOST_LIBRARY_LOADER(slirp, "libslirp.so.0", "-netdev user", "libslirp0", SLIRP_DYN_FUNCTIONS(SLIRP_DYN_ENTRY))
