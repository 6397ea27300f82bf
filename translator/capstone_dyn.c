/*
 * translator/capstone_dyn.c — opens libcapstone at run time (see capstone_dyn.h for why).
 */
#include "translator/capstone_dyn.h"

#include "cpu/host_library.h"

struct capstone_dyn capstone_dyn;

bool capstone_dyn_load(char *err, size_t errlen)
{
    static struct host_library library = {"libcapstone.so.4", "--explain", "libcapstone4", NULL};
#define CAPSTONE_DYN_ENTRY(name, ret, params) HOST_SYMBOL(capstone_dyn, name)
    static const struct host_symbol symbols[] = {CAPSTONE_DYN_FUNCTIONS(CAPSTONE_DYN_ENTRY)};
#undef CAPSTONE_DYN_ENTRY
    return host_library_open(&library, symbols, sizeof symbols / sizeof symbols[0], err, errlen);
}
