/*
 * frontends/cli/compare_run.h — running one configuration of `rvdbt compare` as a child rvdbt.
 *
 * Each configuration runs in its own process: `/proc/self/exe run --stats
 * OPTIONS -- PROGRAM ARGS...`, with stdin from /dev/null and stdout/stderr
 * captured in temporary files.  A separate process per run is the simple,
 * robust choice: every run starts from a fresh address space, code cache
 * and signal state, exactly like a user typing the command, and a guest
 * that crashes or is killed cannot take `compare` with it.  What the run
 * measured comes back through the `--stats` lines (translator/engine.c
 * prints them), which are parsed here.
 */
#ifndef RVDBT_FRONTENDS_COMPARE_RUN_H
#define RVDBT_FRONTENDS_COMPARE_RUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct compare_run {
    /* how the child ended */
    bool signaled;          /* killed by a signal (then `code` is the signal) */
    int code;               /* exit status, or signal number */
    char *out;              /* everything the guest wrote to stdout (malloc'd) */
    size_t out_len;
    /* from the --stats lines; `started` is false if there were none (the
     * program could not be loaded, or rvdbt rejected the command line) */
    bool started;
    uint64_t instret;
    double seconds;         /* "run time": the guest's run, without loading */
    bool translated;        /* the translator ran: the fields below are valid */
    double translate_share; /* of the run time, 0..1 */
    uint64_t blocks, host_bytes;
    char first_error[256];  /* the first stderr line that is not a stats line */
};

/* Runs `rvdbt run --stats <options...> [-L sysroot] -- <guest_argv...>`.
 * `options` is NULL-terminated.  Returns false only if the child could not
 * be started at all (fork or temporary files failed: message in errbuf). */
bool compare_run_one(const char *const *options, const char *sysroot, char **guest_argv, struct compare_run *r,
                     char *errbuf, size_t errlen);

void compare_run_free(struct compare_run *r);

#endif
