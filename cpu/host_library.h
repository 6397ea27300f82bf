/*
 * cpu/host_library.h — opens an optional host library with dlopen and fills
 * in a table of its functions.
 *
 * rvdbt links none of the libraries that only some runs need (capstone for
 * --explain, SDL2 for a window, libslirp for -netdev user, ncurses for the
 * TUI): linking them made every start, `rvdbt run hello` included, map and
 * relocate them and their dependencies.  Each user keeps an X-macro list of
 * the functions it calls (e.g. translator/capstone_dyn.h) and a struct of
 * pointers made from it; this file does the one thing they all need — open,
 * look every name up, or say in one line what is missing.
 *
 * It lives in cpu/ because cpu/ is the bottom layer, the one folder every
 * other folder may include (docs/architecture.md); it knows nothing of the CPU.
 */
#ifndef RVDBT_CPU_HOST_LIBRARY_H
#define RVDBT_CPU_HOST_LIBRARY_H

#include <stdbool.h>
#include <stddef.h>

/* One function to find: its name and where to store its address. */
struct host_symbol {
    const char *name;
    void **slot;
};

/* One optional library, described once by its user. */
struct host_library {
    const char *soname;  /* e.g. "libcapstone.so.4" */
    const char *purpose; /* what asked for it, first in the error: "--explain" */
    const char *package; /* the Debian package that provides it: "libcapstone4" */
    void *handle;        /* set once everything was found; later calls return at once */
};

/*
 * Opens lib (once) and stores the address of every symbol in its slot.
 * False with a one-line reason in err ("--explain: cannot load ... (apt-get
 * install ...)" or "... has no NAME"); then no slot is to be used.
 */
bool host_library_open(struct host_library *lib, const struct host_symbol *symbols, size_t count, char *err,
                       size_t errlen);

/*
 * The table entry for one function of an X-macro list X(name, ret, params)
 * whose pointers live in the struct `table`: write
 *   #define ENTRY(name, ret, params) HOST_SYMBOL(capstone_dyn, name)
 * (A function pointer stored through void **: the dlsym idiom POSIX blesses.)
 */
#define HOST_SYMBOL(table, name) {#name, (void **)&(table).name},

/*
 * Defines the table of pointers `struct NAME_dyn NAME_dyn` and its loader
 * `bool NAME_dyn_load(char *err, size_t errlen)`.  For capstone,
 *   HOST_LIBRARY_LOADER(capstone, "libcapstone.so.4", "--explain", "libcapstone4",
 *                       CAPSTONE_DYN_FUNCTIONS(ENTRY))
 * reads, written out:
 *   struct capstone_dyn capstone_dyn;
 *   bool capstone_dyn_load(char *err, size_t errlen)
 *   {
 *       static struct host_library library = {"libcapstone.so.4", "--explain", "libcapstone4", NULL};
 *       static const struct host_symbol symbols[] = {{"cs_open", (void **)&capstone_dyn.cs_open}, ...};
 *       return host_library_open(&library, symbols, 4, err, errlen);
 *   }
 */
#define HOST_LIBRARY_LOADER(NAME, soname, purpose, package, ...)                                              \
    struct NAME##_dyn NAME##_dyn;                                                                             \
    bool NAME##_dyn_load(char *err, size_t errlen)                                                            \
    {                                                                                                         \
        static struct host_library library = {soname, purpose, package, NULL};                                \
        static const struct host_symbol symbols[] = {__VA_ARGS__};                                            \
        return host_library_open(&library, symbols, sizeof symbols / sizeof symbols[0], err, errlen);         \
    }

#endif
