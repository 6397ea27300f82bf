/*
 * devices/slirp_dyn.c — opens libslirp at run time (see slirp_dyn.h for why).
 */
#define SLIRP_DYN_IMPLEMENTATION
#include "devices/slirp_dyn.h"

#include <dlfcn.h>
#include <stdio.h>

#define SLIRP_LIBRARY "libslirp.so.0"

struct slirp_dyn slirp_dyn;

bool slirp_dyn_load(char *err, size_t errlen)
{
    static void *lib;
    if (lib) return true;
    void *h = dlopen(SLIRP_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(err, errlen, "-netdev user: cannot load %s (apt-get install libslirp0): %s", SLIRP_LIBRARY,
                 dlerror());
        return false;
    }
    /* (a function pointer from dlsym's void *: POSIX guarantees the conversion) */
#define SLIRP_DYN_FIND(name, ret, params)                                                                     \
    if (!(*(void **)&slirp_dyn.name = dlsym(h, #name))) {                                                     \
        snprintf(err, errlen, "-netdev user: %s has no %s", SLIRP_LIBRARY, #name);                            \
        dlclose(h);                                                                                           \
        return false;                                                                                         \
    }
    SLIRP_DYN_FUNCTIONS(SLIRP_DYN_FIND)
#undef SLIRP_DYN_FIND
    lib = h;
    return true;
}
