/*
 * testsuite/hostile/async_segv.c — SIGSEGV that is sent, not a fault.
 *
 * Under the translator rvdbt's own SIGSEGV handler catches the host faults of
 * translated guest accesses; a SIGSEGV sent with kill() must not be taken for
 * one of those.  Modes (argv[1]):
 *   self      kill(getpid(), SIGSEGV) with the default action: the process dies
 *             of SIGSEGV (status 139 in a shell), "survived" must never print;
 *   handler   a handler catches the sent SIGSEGV (si_code SI_USER); then a real
 *             fault on an unmapped page must still kill the process;
 *   wait      a handler, then spin until a SIGSEGV sent from outside (the test
 *             runs `kill -SEGV` on the emulator) has run it;
 *   spin      no handler: spin; a SIGSEGV from outside kills the process
 *             (139), with no word from rvdbt (it is not a fault);
 *   others    handlers for SIGILL, SIGFPE, SIGTRAP and SIGBUS; spin until all
 *             four, sent from outside (kill -ILL ...), have run them;
 *   ignore    SIGSEGV ignored; spin until SIGUSR1 (the test sends SIGSEGV
 *             first, which must change nothing), then a real fault must
 *             still kill the process with rvdbt's one-line report.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t caught, code, usr1;

static void on_usr1(int sig) { usr1 = sig; }

static volatile sig_atomic_t got[65];

static void on_other(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got[sig] = si->si_code == SI_USER ? 1 : 2;
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)sig, (void)uc;
    code = si->si_code;
    caught = 1;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "self";
    setvbuf(stdout, NULL, _IONBF, 0);
    if (!strcmp(mode, "self")) {
        kill(getpid(), SIGSEGV);
        puts("survived");
        return 0;
    }
    if (!strcmp(mode, "others")) {
        static const int sigs[] = {SIGILL, SIGFPE, SIGTRAP, SIGBUS};
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_other;
        sa.sa_flags = SA_SIGINFO;
        for (int i = 0; i < 4; i++) sigaction(sigs[i], &sa, NULL);
        puts("ready");
        time_t end = time(NULL) + 20;
        while (time(NULL) < end && !(got[SIGILL] && got[SIGFPE] && got[SIGTRAP] && got[SIGBUS])) {
        }
        for (int i = 0; i < 4; i++)
            printf("SIG%s: %s\n", sigabbrev_np(sigs[i]),
                   got[sigs[i]] == 1 ? "handler ran, SI_USER" : got[sigs[i]] ? "handler ran, other si_code" : "not caught");
        return 0;
    }
    if (!strcmp(mode, "ignore") || !strcmp(mode, "spin")) {
        int ignore = !strcmp(mode, "ignore");
        if (ignore) signal(SIGSEGV, SIG_IGN);
        signal(SIGUSR1, on_usr1);
        puts("ready");
        /* neither a system call nor a store in the loop: only the signal can
         * end it (the test bounds it), and a translated self-loop runs until
         * it is asked to stop (under check, until its store log fills) */
        while (!usr1) {
        }
        puts("SIGUSR1 came");
        if (!ignore) return 1; /* spin: the SIGSEGV should have killed it */
        signal(SIGSEGV, SIG_DFL);
        puts("now a real fault");
        *(volatile int *)16 = 1;
        puts("survived the fault");
        return 0;
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    if (!strcmp(mode, "handler")) {
        kill(getpid(), SIGSEGV);
        printf("handler ran: %d, si_code %s\n", (int)caught, code == SI_USER ? "SI_USER" : "other");
        signal(SIGSEGV, SIG_DFL);
        puts("now a real fault");
        *(volatile int *)16 = 1;
        puts("survived the fault");
        return 0;
    }
    puts("ready");
    time_t end = time(NULL) + 20;
    unsigned long spins = 0;
    while (!caught && time(NULL) < end) spins++;
    printf("%s\n", caught ? "caught the sent SIGSEGV" : "no signal came");
    return caught ? 0 : 1;
}
