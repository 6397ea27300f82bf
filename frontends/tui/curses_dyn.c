/*
 * frontends/tui/curses_dyn.c — opens ncurses at run time (see curses_dyn.h for why).
 */
#define CURSES_DYN_IMPLEMENTATION
#include "frontends/tui/curses_dyn.h"

#include "cpu/host_library.h"

#define CURSES_DYN_ENTRY(name, ret, params) HOST_SYMBOL(curses_dyn, name)
HOST_LIBRARY_LOADER(curses, "libncursesw.so.6", "tui", "libncursesw6", CURSES_DYN_FUNCTIONS(CURSES_DYN_ENTRY))
