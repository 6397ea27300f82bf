/*
 * devices/slirp_dyn.c — opens libslirp at run time (see slirp_dyn.h for why).
 */
#define SLIRP_DYN_IMPLEMENTATION
#include "devices/slirp_dyn.h"

#include "cpu/host_library.h"

struct slirp_dyn slirp_dyn;

bool slirp_dyn_load(char *err, size_t errlen)
{
    static struct host_library library = {"libslirp.so.0", "-netdev user", "libslirp0", NULL};
#define SLIRP_DYN_ENTRY(name, ret, params) HOST_SYMBOL(slirp_dyn, name)
    static const struct host_symbol symbols[] = {SLIRP_DYN_FUNCTIONS(SLIRP_DYN_ENTRY)};
#undef SLIRP_DYN_ENTRY
    return host_library_open(&library, symbols, sizeof symbols / sizeof symbols[0], err, errlen);
}
