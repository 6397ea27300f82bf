/*
 * frontends/system/sdl_dyn.h — SDL2, loaded only when a window is asked for.
 *
 * Linking libSDL2 makes every rvdbt start map and relocate its fifty-odd
 * dependencies (X11, Wayland, PulseAudio, D-Bus...): most of the cost of
 * starting `rvdbt run hello`.  So rvdbt does not link it; sdl_dyn_load()
 * opens it with dlopen the first time `-display sdl` needs it, and the
 * macros below make the SDL calls in sdl_window.c go through the pointers
 * it filled in.  Include after <SDL.h>, in sdl_window.c only.
 */
#ifndef RVDBT_FRONTENDS_SDL_DYN_H
#define RVDBT_FRONTENDS_SDL_DYN_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

/* X(name, return type, parameters): every SDL function rvdbt calls. */
#define SDL_DYN_FUNCTIONS(X)                                                                                   \
    X(SDL_SetHint, SDL_bool, (const char *, const char *))                                                    \
    X(SDL_Init, int, (Uint32))                                                                                \
    X(SDL_GetError, const char *, (void))                                                                     \
    X(SDL_CreateWindow, SDL_Window *, (const char *, int, int, int, int, Uint32))                             \
    X(SDL_CreateRenderer, SDL_Renderer *, (SDL_Window *, int, Uint32))                                        \
    X(SDL_CreateTexture, SDL_Texture *, (SDL_Renderer *, Uint32, int, int, int))                              \
    X(SDL_RenderSetLogicalSize, int, (SDL_Renderer *, int, int))                                              \
    X(SDL_DestroyTexture, void, (SDL_Texture *))                                                              \
    X(SDL_DestroyRenderer, void, (SDL_Renderer *))                                                            \
    X(SDL_DestroyWindow, void, (SDL_Window *))                                                                \
    X(SDL_SetRenderDrawColor, int, (SDL_Renderer *, Uint8, Uint8, Uint8, Uint8))                              \
    X(SDL_RenderClear, int, (SDL_Renderer *))                                                                 \
    X(SDL_RenderCopy, int, (SDL_Renderer *, SDL_Texture *, const SDL_Rect *, const SDL_Rect *))               \
    X(SDL_RenderPresent, void, (SDL_Renderer *))                                                              \
    X(SDL_UpdateTexture, int, (SDL_Texture *, const SDL_Rect *, const void *, int))                           \
    X(SDL_WaitEventTimeout, int, (SDL_Event *, int))                                                          \
    X(SDL_PollEvent, int, (SDL_Event *))                                                                      \
    X(SDL_GetTicks, Uint32, (void))

#define SDL_DYN_POINTER(name, ret, params) ret(*name) params;
struct sdl_dyn {
    SDL_DYN_FUNCTIONS(SDL_DYN_POINTER)
};
#undef SDL_DYN_POINTER
extern struct sdl_dyn sdl_dyn;

/* Opens libSDL2 and finds every function; false with a one-line reason in err. */
bool sdl_dyn_load(char *err, size_t errlen);

#ifndef SDL_DYN_IMPLEMENTATION
#define SDL_SetHint sdl_dyn.SDL_SetHint
#define SDL_Init sdl_dyn.SDL_Init
#define SDL_GetError sdl_dyn.SDL_GetError
#define SDL_CreateWindow sdl_dyn.SDL_CreateWindow
#define SDL_CreateRenderer sdl_dyn.SDL_CreateRenderer
#define SDL_CreateTexture sdl_dyn.SDL_CreateTexture
#define SDL_RenderSetLogicalSize sdl_dyn.SDL_RenderSetLogicalSize
#define SDL_DestroyTexture sdl_dyn.SDL_DestroyTexture
#define SDL_DestroyRenderer sdl_dyn.SDL_DestroyRenderer
#define SDL_DestroyWindow sdl_dyn.SDL_DestroyWindow
#define SDL_SetRenderDrawColor sdl_dyn.SDL_SetRenderDrawColor
#define SDL_RenderClear sdl_dyn.SDL_RenderClear
#define SDL_RenderCopy sdl_dyn.SDL_RenderCopy
#define SDL_RenderPresent sdl_dyn.SDL_RenderPresent
#define SDL_UpdateTexture sdl_dyn.SDL_UpdateTexture
#define SDL_WaitEventTimeout sdl_dyn.SDL_WaitEventTimeout
#define SDL_PollEvent sdl_dyn.SDL_PollEvent
#define SDL_GetTicks sdl_dyn.SDL_GetTicks
#endif

#endif
