/*
 * frontends/system/sdl_dyn.c — opens libSDL2 at run time (see sdl_dyn.h for why).
 */
#define SDL_DYN_IMPLEMENTATION
#include "frontends/system/sdl_dyn.h"

#include "cpu/host_library.h"

struct sdl_dyn sdl_dyn;

bool sdl_dyn_load(char *err, size_t errlen)
{
    static struct host_library library = {"libSDL2-2.0.so.0", "-display sdl", "libsdl2-2.0-0", NULL};
#define SDL_DYN_ENTRY(name, ret, params) HOST_SYMBOL(sdl_dyn, name)
    static const struct host_symbol symbols[] = {SDL_DYN_FUNCTIONS(SDL_DYN_ENTRY)};
#undef SDL_DYN_ENTRY
    return host_library_open(&library, symbols, sizeof symbols / sizeof symbols[0], err, errlen);
}
