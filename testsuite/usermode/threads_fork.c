/* threads_fork.c — fork from a process whose other threads are busy being
 * born and dying.  Two "churn" threads keep creating and joining
 * short-lived threads (each runs a little code, so under the translator it
 * gets a translator of its own and registers it with the host-fault
 * handler, and drops it again at exit) while the main thread forks
 * children that each run some code, start and join a thread of their own,
 * and exit with a status.  A lock another thread held at the moment of
 * fork stays locked in the child, whose only thread is the forker: an
 * emulator that does not take its own locks around fork deadlocks there
 * (the child hangs, the parent waits for it forever).  Every line printed
 * is fixed by the program, not by the schedule. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define FORKS 400
#define CHURNERS 4

static atomic_int stop;

/* Some code for a new thread (or a child) to run. */
static void *spin(void *arg)
{
    volatile long sum = 0;
    for (long i = 0; i < 2000; i++) sum += i;
    return (void *)(sum == 1999000 ? arg : NULL);
}

static void *churn(void *arg)
{
    (void)arg;
    long born = 0;
    while (!atomic_load(&stop)) {
        pthread_t t;
        void *r = NULL;
        if (pthread_create(&t, NULL, spin, (void *)1) == 0 && pthread_join(t, &r) == 0 && r == (void *)1) born++;
    }
    return (void *)born;
}

int main(void)
{
    pthread_t churners[CHURNERS];
    for (int i = 0; i < CHURNERS; i++) pthread_create(&churners[i], NULL, churn, NULL);
    int good = 0;
    for (int i = 0; i < FORKS; i++) {
        pid_t pid = fork();
        if (pid == 0) {
            /* the child: only this thread exists; it runs code, starts a thread, exits */
            pthread_t t;
            void *r = NULL;
            int ok = spin((void *)1) == (void *)1 && pthread_create(&t, NULL, spin, (void *)2) == 0 &&
                     pthread_join(t, &r) == 0 && r == (void *)2;
            _exit(ok ? 42 : 1);
        }
        int status = 0;
        if (pid > 0 && waitpid(pid, &status, 0) == pid && WIFEXITED(status) && WEXITSTATUS(status) == 42) good++;
    }
    atomic_store(&stop, 1);
    long born = 0;
    for (int i = 0; i < CHURNERS; i++) {
        void *n;
        pthread_join(churners[i], &n);
        born += (long)n;
    }
    printf("children forked while threads came and went: %d, exited 42 after running a thread: %d\n", FORKS, good);
    printf("churn threads started and joined: %s\n", born > 0 ? "some" : "none");
    return good == FORKS ? 0 : 1;
}
