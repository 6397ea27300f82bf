/*
 * frontends/tui/curses_dyn.c — opens ncurses at run time (see curses_dyn.h for why).
 */
#define CURSES_DYN_IMPLEMENTATION
#include "frontends/tui/curses_dyn.h"

#include "cpu/host_library.h"

struct curses_dyn curses_dyn;

bool curses_dyn_load(char *err, size_t errlen)
{
    static struct host_library library = {"libncursesw.so.6", "tui", "libncursesw6", NULL};
#define CURSES_DYN_ENTRY(name, ret, params) HOST_SYMBOL(curses_dyn, name)
    static const struct host_symbol symbols[] = {CURSES_DYN_FUNCTIONS(CURSES_DYN_ENTRY)};
#undef CURSES_DYN_ENTRY
    return host_library_open(&library, symbols, sizeof symbols / sizeof symbols[0], err, errlen);
}
