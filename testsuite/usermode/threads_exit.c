/* threads_exit.c — signals and exits with several threads.
 *  - pthread_kill (tgkill) runs the handler on the thread it names;
 *  - a process-directed signal (kill) runs on the one thread not blocking it;
 *  - a thread with its own sigaltstack takes its handler there;
 *  - exit() from a worker ends the process (exit_group) while main is
 *    blocked in pthread_join: status 5.
 * With the argument "mainexit": main calls pthread_exit; the process lives
 * on until the last thread returns (status 0), and that thread's output
 * comes out. */
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static atomic_int handler_tid, flag;
static atomic_uintptr_t handler_sp;
static char altstack[65536];

static void on_signal(int sig)
{
    (void)sig;
    int x;
    atomic_store(&handler_sp, (uintptr_t)&x);
    atomic_store(&handler_tid, (int)syscall(SYS_gettid));
}

static void *spin_until_flag(void *arg)
{
    atomic_int *tid = arg;
    atomic_store(tid, (int)syscall(SYS_gettid));
    while (!atomic_load(&flag)) {
    }
    return NULL;
}

static void *with_altstack(void *arg)
{
    atomic_int *tid = arg;
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack, .ss_flags = 0};
    sigaltstack(&ss, NULL);
    atomic_store(tid, (int)syscall(SYS_gettid));
    while (!atomic_load(&flag)) {
    }
    return NULL;
}

static void *exiter(void *arg)
{
    (void)arg;
    printf("worker calls exit(5)\n");
    exit(5);
}

static void *last_one(void *arg)
{
    (void)arg;
    usleep(100000);
    printf("last thread done after main exited\n");
    return NULL;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc > 1 && !strcmp(argv[1], "mainexit")) {
        pthread_t t;
        pthread_create(&t, NULL, last_one, NULL);
        printf("main exits first\n");
        pthread_exit(NULL);
    }
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sa.sa_flags = SA_ONSTACK;
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);

    /* thread-directed */
    atomic_int tid_a = 0;
    pthread_t a;
    pthread_create(&a, NULL, spin_until_flag, &tid_a);
    while (!atomic_load(&tid_a)) {
    }
    pthread_kill(a, SIGUSR1);
    while (!atomic_load(&handler_tid)) {
    }
    printf("pthread_kill ran the handler on the target thread: %s\n", handler_tid == tid_a ? "yes" : "no");

    /* process-directed: main blocks SIGUSR2, only thread b can take it */
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    atomic_int tid_b = 0;
    pthread_t b;
    pthread_create(&b, NULL, with_altstack, &tid_b); /* (inherits main's mask: unblock there) */
    while (!atomic_load(&tid_b)) {
    }
    atomic_store(&handler_tid, 0);
    pthread_kill(b, SIGUSR1); /* first the altstack check, directed */
    while (!atomic_load(&handler_tid)) {
    }
    uintptr_t sp = atomic_load(&handler_sp);
    printf("handler on the thread's alternate stack: %s\n",
           sp >= (uintptr_t)altstack && sp < (uintptr_t)altstack + sizeof altstack ? "yes" : "no");
    atomic_store(&flag, 1);
    pthread_join(a, NULL);
    pthread_join(b, NULL);

    atomic_store(&flag, 0);
    atomic_int tid_c = 0;
    pthread_t c;
    sigset_t none;
    sigemptyset(&none);
    pthread_sigmask(SIG_SETMASK, &none, NULL);     /* c inherits this mask: nothing blocked */
    pthread_create(&c, NULL, spin_until_flag, &tid_c);
    pthread_sigmask(SIG_BLOCK, &set, NULL);         /* main: SIGUSR2 blocked */
    while (!atomic_load(&tid_c)) {
    }
    atomic_store(&handler_tid, 0);
    kill(getpid(), SIGUSR2);
    while (!atomic_load(&handler_tid)) {
    }
    printf("kill ran the handler on the thread not blocking it: %s\n", handler_tid == tid_c ? "yes" : "no");
    atomic_store(&flag, 1);
    pthread_join(c, NULL);

    pthread_t e;
    pthread_create(&e, NULL, exiter, NULL);
    pthread_join(e, NULL);
    printf("not reached\n");
    return 0;
}
