/*
 * frontends/tui/curses_dyn.c — opens ncurses at run time (see curses_dyn.h for why).
 */
#define CURSES_DYN_IMPLEMENTATION
#include "frontends/tui/curses_dyn.h"

#include <dlfcn.h>
#include <stdio.h>

#define CURSES_LIBRARY "libncursesw.so.6"

struct curses_dyn curses_dyn;

bool curses_dyn_load(char *err, size_t errlen)
{
    static void *lib;
    if (lib) return true;
    void *h = dlopen(CURSES_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(err, errlen, "tui: cannot load %s (apt-get install libncursesw6): %s", CURSES_LIBRARY, dlerror());
        return false;
    }
    /* (a function pointer from dlsym's void *: POSIX guarantees the conversion) */
#define CURSES_DYN_FIND(name, ret, params)                                                                    \
    if (!(*(void **)&curses_dyn.name = dlsym(h, #name))) {                                                    \
        snprintf(err, errlen, "tui: %s has no %s", CURSES_LIBRARY, #name);                                    \
        dlclose(h);                                                                                           \
        return false;                                                                                         \
    }
    CURSES_DYN_FUNCTIONS(CURSES_DYN_FIND)
#undef CURSES_DYN_FIND
    lib = h;
    return true;
}
