/*
 * frontends/cli/compare_run.c — one child rvdbt for `rvdbt compare`, and its --stats lines.
 *
 * fork(), point the child's stdin at /dev/null and its stdout/stderr at two
 * anonymous temporary files, exec this same binary (/proc/self/exe: the
 * very rvdbt the user ran, wherever it lives), wait, then read the files
 * back.  Parsing depends on the wording of engine_print_stats(); the test
 * testsuite/tests/90-compare.sh fails if the two drift apart.
 */
#include "frontends/cli/compare_run.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* Reads a whole file from its start into a malloc'd, NUL-terminated buffer. */
static char *slurp(FILE *f, size_t *len)
{
    if (fseek(f, 0, SEEK_END) != 0) return NULL;
    long size = ftell(f);
    if (size < 0 || fseek(f, 0, SEEK_SET) != 0) return NULL;
    char *buf = malloc((size_t)size + 1);
    if (!buf) return NULL;
    size_t got = fread(buf, 1, (size_t)size, f);
    buf[got] = 0;
    *len = got;
    return buf;
}

/* Picks the numbers out of the stats lines (see translator/engine.c). */
static void parse_stats(const char *err, struct compare_run *r)
{
    for (const char *line = err; *line;) {
        const char *eol = strchr(line, '\n');
        size_t n = eol ? (size_t)(eol - line) : strlen(line);
        unsigned long long a, b, c, d;
        double x, y;
        if (sscanf(line, "rvdbt: guest instructions: %llu", &a) == 1) {
            r->instret = a;
            r->started = true;
        } else if (sscanf(line, "rvdbt: run time: %lf s, %lf guest MIPS", &x, &y) == 2) {
            /* the time is printed to the millisecond, MIPS to 4+ digits: for
             * short runs, instructions / MIPS is the more precise time */
            r->seconds = y > 0 && r->instret ? (double)r->instret / (y * 1e6) : x;
        } else if (sscanf(line, "rvdbt: blocks translated: %llu (%llu guest instructions, %llu guest bytes -> %llu host bytes",
                          &a, &b, &c, &d) == 4) {
            r->blocks = a;
            r->host_bytes = d;
            r->translated = true;
        } else if (sscanf(line, "rvdbt: time translating: %lf s (%lf%% of the run)", &x, &y) == 2) {
            r->translate_share = y / 100;
        } else if (!r->first_error[0] && !r->started && n > 0) {
            /* before the stats: an error of rvdbt itself, or the guest's own stderr */
            snprintf(r->first_error, sizeof r->first_error, "%.*s", (int)n, line);
        }
        line = eol ? eol + 1 : line + n;
    }
}

bool compare_run_one(const char *const *options, const char *sysroot, char **guest_argv, struct compare_run *r,
                     char *errbuf, size_t errlen)
{
    memset(r, 0, sizeof *r);
    /* The child's argument vector: rvdbt run --stats OPTIONS [-L DIR] -- PROGRAM ARGS... */
    size_t n_opt = 0, n_guest = 0;
    while (options[n_opt]) n_opt++;
    while (guest_argv[n_guest]) n_guest++;
    char **argv = calloc(n_opt + n_guest + 8, sizeof *argv);
    FILE *out = tmpfile(), *err = tmpfile();
    if (!argv || !out || !err) {
        snprintf(errbuf, errlen, "cannot create temporary files: %s", strerror(errno));
        goto fail;
    }
    size_t k = 0;
    argv[k++] = "rvdbt";
    argv[k++] = "run";
    argv[k++] = "--stats";
    for (size_t i = 0; i < n_opt; i++) argv[k++] = (char *)options[i];
    if (sysroot) {
        argv[k++] = "-L";
        argv[k++] = (char *)sysroot;
    }
    argv[k++] = "--";
    for (size_t i = 0; i < n_guest; i++) argv[k++] = guest_argv[i];

    fflush(stdout); /* or the child would inherit (and write) our buffered output */
    fflush(stderr);
    pid_t pid = fork();
    if (pid < 0) {
        snprintf(errbuf, errlen, "fork failed: %s", strerror(errno));
        goto fail;
    }
    if (pid == 0) {
        int in = open("/dev/null", O_RDONLY);
        if (in < 0 || dup2(in, 0) < 0 || dup2(fileno(out), 1) < 0 || dup2(fileno(err), 2) < 0) _exit(127);
        execv("/proc/self/exe", argv);
        dprintf(2, "rvdbt: compare: cannot run /proc/self/exe: %s\n", strerror(errno));
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) {
            snprintf(errbuf, errlen, "waitpid failed: %s", strerror(errno));
            goto fail;
        }
    r->signaled = WIFSIGNALED(status);
    r->code = r->signaled ? WTERMSIG(status) : WEXITSTATUS(status);
    size_t err_len;
    char *err_text = slurp(err, &err_len);
    r->out = slurp(out, &r->out_len);
    if (!err_text || !r->out) {
        free(err_text);
        snprintf(errbuf, errlen, "cannot read the run's output back");
        goto fail;
    }
    parse_stats(err_text, r);
    free(err_text);
    fclose(out);
    fclose(err);
    free(argv);
    return true;
fail:
    if (out) fclose(out);
    if (err) fclose(err);
    free(argv);
    compare_run_free(r);
    return false;
}

void compare_run_free(struct compare_run *r)
{
    free(r->out);
    r->out = NULL;
}
