/*
 * testsuite/usermode/signals.c — signal handlers in a user-mode guest.
 *
 * Handlers for raise()d, kill()ed and blocked-then-unblocked signals, with
 * siginfo and the ucontext; SA_RESETHAND; sigaltstack; a SIGSEGV from a
 * wild load caught and escaped with siglongjmp; SIGCHLD from a child;
 * SIGPIPE ignored (EPIPE) and handled.  Registers (integer and FP) must
 * survive a handler.  Prints what it sees; rvdbt must print the same as
 * qemu-riscv64.
 *
 * `signals wait` and `signals spin` are for signals from outside: they print
 * "ready" and wait for a SIGINT (in sigsuspend, or in a busy loop that
 * translated code runs chained), then report it and exit 0.  `signals plain`
 * spins without a handler: SIGINT must kill it.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <ucontext.h>
#include <unistd.h>

static volatile sig_atomic_t count[65];
static volatile int last_code;
static volatile uintptr_t last_addr;
static volatile int on_altstack;
static sigjmp_buf escape;
static char altstack[65536];

static void on_signal(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    count[sig]++;
    last_code = si->si_code;
    /* the saved pc is inside this program's text, the mask is the one before */
    if (uc->uc_mcontext.__gregs[0] == 0) write(1, "bad pc in ucontext\n", 19);
    char here;
    on_altstack = (uintptr_t)&here >= (uintptr_t)altstack && (uintptr_t)&here < (uintptr_t)altstack + sizeof altstack;
}

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    count[sig]++;
    last_code = si->si_code;
    last_addr = (uintptr_t)si->si_addr;
    siglongjmp(escape, 1);
}

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    if (sigaction(sig, &sa, NULL)) perror("sigaction");
}

static volatile sig_atomic_t got_int;
static void on_int(int sig) { got_int = sig; }

static int wait_for_sigint(int spin, int handle)
{
    /* plain: the default action (a shell's background job may have inherited SIG_IGN) */
    signal(SIGINT, handle ? on_int : SIG_DFL);
    unsigned long loops = 0;
    if (spin) {
        /* "ready" once the loop is running: printed before it, a signal sent
         * on seeing it could arrive before the first turn under a slow engine
         * (--engine=check under ASan did, and loops stayed 0) */
        while (!got_int)
            if (++loops == 1000) printf("ready\n");
    } else {
        printf("ready\n");
        sigset_t none;
        sigemptyset(&none);
        while (!got_int) sigsuspend(&none);
    }
    printf("got SIGINT %d\n", got_int == SIGINT);
    return spin && loops < 1000; /* (a signal before ready: not the test's) */
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    if (argc > 1) return wait_for_sigint(strcmp(argv[1], "wait") != 0, strcmp(argv[1], "plain") != 0);
    install(SIGUSR1, on_signal, 0);
    volatile double x = 1.5;
    long before = 12345;
    raise(SIGUSR1);
    printf("raise: count %d, code %s, registers kept %d\n", count[SIGUSR1], last_code == SI_TKILL ? "SI_TKILL" : "?",
           x * 2 == 3.0 && before == 12345);

    kill(getpid(), SIGUSR1);
    printf("kill: count %d, code %s\n", count[SIGUSR1], last_code == SI_USER ? "SI_USER" : "?");

    /* blocked: stays pending until unblocked */
    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    install(SIGUSR2, on_signal, 0);
    sigprocmask(SIG_BLOCK, &set, &old);
    raise(SIGUSR2);
    sigset_t pend;
    sigpending(&pend);
    printf("blocked: delivered %d, pending %d\n", count[SIGUSR2], sigismember(&pend, SIGUSR2));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("unblocked: delivered %d\n", count[SIGUSR2]);

    /* SA_RESETHAND: the second one takes the default action, which we ignore-check via SIG_IGN */
    install(SIGHUP, on_signal, SA_RESETHAND);
    raise(SIGHUP);
    struct sigaction now;
    sigaction(SIGHUP, NULL, &now);
    printf("resethand: count %d, now default %d\n", count[SIGHUP], now.sa_handler == SIG_DFL);

    /* alternate stack */
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    if (sigaltstack(&ss, NULL)) perror("sigaltstack");
    install(SIGURG, on_signal, SA_ONSTACK);
    raise(SIGURG);
    printf("altstack: count %d, ran on it %d\n", count[SIGURG], on_altstack);

    /* a fault caught by a handler */
    install(SIGSEGV, on_segv, 0);
    if (sigsetjmp(escape, 1) == 0) {
        volatile int *wild = (int *)0x10;
        printf("not reached %d\n", *wild);
    }
    printf("segv: count %d, code %s, addr %#lx\n", count[SIGSEGV], last_code == SEGV_MAPERR ? "SEGV_MAPERR" : "?",
           (unsigned long)last_addr);

    /* SIGPIPE: ignored gives EPIPE; handled runs the handler and gives EPIPE */
    int fds[2];
    pipe(fds);
    close(fds[0]);
    signal(SIGPIPE, SIG_IGN);
    errno = 0;
    ssize_t n = write(fds[1], "x", 1);
    printf("sigpipe ignored: write %zd, %s\n", n, errno == EPIPE ? "EPIPE" : "?");
    install(SIGPIPE, on_signal, 0);
    n = write(fds[1], "x", 1);
    printf("sigpipe handled: write %zd, %s, count %d\n", n, errno == EPIPE ? "EPIPE" : "?", count[SIGPIPE]);
    close(fds[1]);

    /* SIGCHLD from a child that exits */
    install(SIGCHLD, on_signal, SA_RESTART);
    pid_t pid = fork();
    if (pid == 0) _exit(7);
    int status;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    printf("sigchld: count %d, child status %d\n", count[SIGCHLD], WEXITSTATUS(status));

    /* a signal from another process while we wait in sigsuspend */
    sigprocmask(SIG_BLOCK, &set, &old);
    pid = fork();
    if (pid == 0) {
        kill(getppid(), SIGUSR2);
        _exit(0);
    }
    sigset_t wait_mask = old;
    sigdelset(&wait_mask, SIGUSR2);
    sigsuspend(&wait_mask);
    printf("sigsuspend: count %d\n", count[SIGUSR2]);
    waitpid(pid, &status, 0);

    /* finally the default action: killed by SIGTERM, as a native process */
    signal(SIGTERM, SIG_DFL);
    raise(SIGTERM);
    printf("not reached\n");
    return 0;
}
