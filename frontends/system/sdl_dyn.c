/*
 * frontends/system/sdl_dyn.c — opens libSDL2 at run time (see sdl_dyn.h for why).
 */
#define SDL_DYN_IMPLEMENTATION
#include "frontends/system/sdl_dyn.h"

#include "cpu/host_library.h"

#define SDL_DYN_ENTRY(name, ret, params) HOST_SYMBOL(sdl_dyn, name)
HOST_LIBRARY_LOADER(sdl, "libSDL2-2.0.so.0", "-display sdl", "libsdl2-2.0-0", SDL_DYN_FUNCTIONS(SDL_DYN_ENTRY))
