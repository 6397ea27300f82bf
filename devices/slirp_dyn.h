/*
 * devices/slirp_dyn.h — libslirp, loaded only when a user network is asked for.
 *
 * libslirp brings glib (and pcre2) with it: linking it made every rvdbt
 * start, even `rvdbt run hello`, map and relocate three more libraries, for
 * a device most runs never create.  So rvdbt does not link it:
 * slirp_dyn_load() opens it with dlopen the first time `-netdev user`
 * needs it (as frontends/system/sdl_dyn.c does for the window and
 * translator/capstone_dyn.c for --explain), and the macros below make the
 * slirp calls in net_slirp.c go through the pointers it filled in.
 * Include after <libslirp.h>, in net_slirp.c only.
 */
#ifndef RVDBT_DEVICES_SLIRP_DYN_H
#define RVDBT_DEVICES_SLIRP_DYN_H

#include <libslirp.h>
#include <stdbool.h>
#include <stddef.h>

/* X(name, return type, parameters): every libslirp function rvdbt calls. */
#define SLIRP_DYN_FUNCTIONS(X)                                                                                 \
    X(slirp_new, Slirp *, (const SlirpConfig *, const SlirpCb *, void *))                                     \
    X(slirp_cleanup, void, (Slirp *))                                                                         \
    X(slirp_add_hostfwd, int, (Slirp *, int, struct in_addr, int, struct in_addr, int))                       \
    X(slirp_input, void, (Slirp *, const uint8_t *, int))                                                     \
    X(slirp_pollfds_fill, void, (Slirp *, uint32_t *, SlirpAddPollCb, void *))                                \
    X(slirp_pollfds_poll, void, (Slirp *, int, SlirpGetREventsCb, void *))

#define SLIRP_DYN_POINTER(name, ret, params) ret(*name) params;
struct slirp_dyn {
    SLIRP_DYN_FUNCTIONS(SLIRP_DYN_POINTER)
};
#undef SLIRP_DYN_POINTER
extern struct slirp_dyn slirp_dyn;

/* Opens libslirp and finds every function; false with a one-line reason in err. */
bool slirp_dyn_load(char *err, size_t errlen);

#ifndef SLIRP_DYN_IMPLEMENTATION
#define slirp_new slirp_dyn.slirp_new
#define slirp_cleanup slirp_dyn.slirp_cleanup
#define slirp_add_hostfwd slirp_dyn.slirp_add_hostfwd
#define slirp_input slirp_dyn.slirp_input
#define slirp_pollfds_fill slirp_dyn.slirp_pollfds_fill
#define slirp_pollfds_poll slirp_dyn.slirp_pollfds_poll
#endif

#endif
