/*
 * translator/capstone_dyn.c — opens libcapstone at run time (see capstone_dyn.h for why).
 */
#include "translator/capstone_dyn.h"

#include <dlfcn.h>
#include <stdio.h>

#define CAPSTONE_LIBRARY "libcapstone.so.4"

struct capstone_dyn capstone_dyn;

bool capstone_dyn_load(char *err, size_t errlen)
{
    static void *lib;
    if (lib) return true;
    void *h = dlopen(CAPSTONE_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(err, errlen, "--explain: cannot load %s (apt-get install libcapstone4): %s", CAPSTONE_LIBRARY,
                 dlerror());
        return false;
    }
    /* (a function pointer from dlsym's void *: POSIX guarantees the conversion) */
#define CAPSTONE_DYN_FIND(name, ret, params)                                                                  \
    if (!(*(void **)&capstone_dyn.name = dlsym(h, #name))) {                                                  \
        snprintf(err, errlen, "--explain: %s has no %s", CAPSTONE_LIBRARY, #name);                            \
        dlclose(h);                                                                                           \
        return false;                                                                                         \
    }
    CAPSTONE_DYN_FUNCTIONS(CAPSTONE_DYN_FIND)
#undef CAPSTONE_DYN_FIND
    lib = h;
    return true;
}
