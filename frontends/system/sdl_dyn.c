/*
 * frontends/system/sdl_dyn.c — opens libSDL2 at run time (see sdl_dyn.h for why).
 */
#define SDL_DYN_IMPLEMENTATION
#include "frontends/system/sdl_dyn.h"

#include <dlfcn.h>
#include <stdio.h>

#define SDL_LIBRARY "libSDL2-2.0.so.0"

struct sdl_dyn sdl_dyn;

bool sdl_dyn_load(char *err, size_t errlen)
{
    static void *lib;
    if (lib) return true;
    void *h = dlopen(SDL_LIBRARY, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(err, errlen, "-display sdl: cannot load %s (apt-get install libsdl2-2.0-0): %s", SDL_LIBRARY,
                 dlerror());
        return false;
    }
    /* (a function pointer from dlsym's void *: POSIX guarantees the conversion) */
#define SDL_DYN_FIND(name, ret, params)                                                                       \
    if (!(*(void **)&sdl_dyn.name = dlsym(h, #name))) {                                                       \
        snprintf(err, errlen, "-display sdl: %s has no %s", SDL_LIBRARY, #name);                              \
        dlclose(h);                                                                                           \
        return false;                                                                                         \
    }
    SDL_DYN_FUNCTIONS(SDL_DYN_FIND)
#undef SDL_DYN_FIND
    lib = h;
    return true;
}
