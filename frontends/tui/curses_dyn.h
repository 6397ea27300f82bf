/*
 * frontends/tui/curses_dyn.h — ncurses, loaded only when `rvdbt tui` starts.
 *
 * As with SDL2 (frontends/system/sdl_dyn.h) and capstone, rvdbt does not
 * link the library: every `rvdbt run` would pay for loading it.
 * curses_dyn_load() opens it with dlopen, and the macros below send the
 * curses calls of frontends/tui/ through the pointers it filled in.
 * Include after <curses.h> (the types and macros are the header's own).
 */
#ifndef RVDBT_FRONTENDS_TUI_CURSES_DYN_H
#define RVDBT_FRONTENDS_TUI_CURSES_DYN_H

#include <curses.h>
#include <stdbool.h>
#include <stddef.h>

/* X(name, return type, parameters): every curses function rvdbt calls. */
#define CURSES_DYN_FUNCTIONS(X)                                                                                \
    X(newterm, SCREEN *, (const char *, FILE *, FILE *))                                                      \
    X(endwin, int, (void))                                                                                    \
    X(delscreen, void, (SCREEN *))                                                                            \
    X(newwin, WINDOW *, (int, int, int, int))                                                                 \
    X(delwin, int, (WINDOW *))                                                                                \
    X(wborder, int, (WINDOW *, chtype, chtype, chtype, chtype, chtype, chtype, chtype, chtype))               \
    X(werase, int, (WINDOW *))                                                                                \
    X(wmove, int, (WINDOW *, int, int))                                                                       \
    X(waddnstr, int, (WINDOW *, const char *, int))                                                           \
    X(wattr_on, int, (WINDOW *, attr_t, void *))                                                              \
    X(wattr_off, int, (WINDOW *, attr_t, void *))                                                             \
    X(wnoutrefresh, int, (WINDOW *))                                                                          \
    X(doupdate, int, (void))                                                                                  \
    X(wgetch, int, (WINDOW *))                                                                                \
    X(wtimeout, void, (WINDOW *, int))                                                                        \
    X(keypad, int, (WINDOW *, bool))                                                                          \
    X(noecho, int, (void))                                                                                    \
    X(cbreak, int, (void))                                                                                    \
    X(curs_set, int, (int))                                                                                   \
    X(has_colors, bool, (void))                                                                               \
    X(start_color, int, (void))                                                                               \
    X(use_default_colors, int, (void))                                                                        \
    X(init_pair, int, (short, short, short))

#define CURSES_DYN_POINTER(name, ret, params) ret(*name) params;
struct curses_dyn {
    CURSES_DYN_FUNCTIONS(CURSES_DYN_POINTER)
};
#undef CURSES_DYN_POINTER
extern struct curses_dyn curses_dyn;

/* Opens libncursesw and finds every function; false with a one-line reason in err. */
bool curses_dyn_load(char *err, size_t errlen);

#ifndef CURSES_DYN_IMPLEMENTATION
#define newterm curses_dyn.newterm
#define endwin curses_dyn.endwin
#define delscreen curses_dyn.delscreen
#define newwin curses_dyn.newwin
#define delwin curses_dyn.delwin
#define wborder curses_dyn.wborder
#define werase curses_dyn.werase
#define wmove curses_dyn.wmove
#define waddnstr curses_dyn.waddnstr
#define wattr_on curses_dyn.wattr_on
#define wattr_off curses_dyn.wattr_off
#define wnoutrefresh curses_dyn.wnoutrefresh
#define doupdate curses_dyn.doupdate
#define wgetch curses_dyn.wgetch
#define wtimeout curses_dyn.wtimeout
#define keypad curses_dyn.keypad
#define noecho curses_dyn.noecho
#define cbreak curses_dyn.cbreak
#define curs_set curses_dyn.curs_set
#define has_colors curses_dyn.has_colors
#define start_color curses_dyn.start_color
#define use_default_colors curses_dyn.use_default_colors
#define init_pair curses_dyn.init_pair
#endif

#endif
