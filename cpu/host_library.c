/*
 * cpu/host_library.c — dlopen and dlsym for the optional libraries (see
 * host_library.h for why rvdbt opens them itself).
 */
#include "cpu/host_library.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>

/* Guest threads may each create a translator that explains: open once. */
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;

static bool open_locked(struct host_library *lib, const struct host_symbol *symbols, size_t count, char *err,
                        size_t errlen);

bool host_library_open(struct host_library *lib, const struct host_symbol *symbols, size_t count, char *err,
                       size_t errlen)
{
    pthread_mutex_lock(&open_lock);
    bool ok = open_locked(lib, symbols, count, err, errlen);
    pthread_mutex_unlock(&open_lock);
    return ok;
}

static bool open_locked(struct host_library *lib, const struct host_symbol *symbols, size_t count, char *err,
                        size_t errlen)
{
    if (lib->handle) return true;
    void *h = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        snprintf(err, errlen, "%s: cannot load %s (apt-get install %s): %s", lib->purpose, lib->soname,
                 lib->package, dlerror());
        return false;
    }
    for (size_t i = 0; i < count; i++) {
        void *address = dlsym(h, symbols[i].name);
        if (!address) {
            snprintf(err, errlen, "%s: %s has no %s", lib->purpose, lib->soname, symbols[i].name);
            dlclose(h);
            return false;
        }
        *symbols[i].slot = address;
    }
    lib->handle = h;
    return true;
}
