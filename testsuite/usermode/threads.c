/* threads.c — POSIX threads as real programs use them: 8 workers sharing
 * atomics (AMOs and LR/SC compare-and-swap loops), a mutex-protected
 * counter, a condition-variable queue, thread-local storage and a barrier;
 * exit codes collected by pthread_join; a detached thread; a thread that
 * forks (only it survives in the child); futex timeouts (timed lock, timed
 * condition wait).  Every line printed is fixed by
 * the program, not by the schedule, so the output is deterministic. */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define WORKERS 8
#define ROUNDS 20000
#define ITEMS 4000

static atomic_long amo_counter;     /* amoadd */
static long cas_counter;            /* lr/sc loops (compare-and-swap) */
static long locked_counter;         /* plain adds under a mutex */
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_barrier_t barrier;
static __thread long tls_value = 1000; /* each thread starts from the initial image */
static atomic_int tids_distinct_ok = 1;
static pid_t tids[WORKERS];

/* The condition-variable queue: a producer, the workers consume. */
static pthread_mutex_t qlock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t qcond = PTHREAD_COND_INITIALIZER;
static int queue[64], qhead, qtail, produced_done;
static long consumed_sum;

static void cas_add(long *p, long v)
{
    long old = __atomic_load_n(p, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n(p, &old, old + v, 1, __ATOMIC_ACQ_REL, __ATOMIC_RELAXED)) {
    }
}

static int take_item(int *item)
{
    pthread_mutex_lock(&qlock);
    while (qhead == qtail && !produced_done) pthread_cond_wait(&qcond, &qlock);
    int got = qhead != qtail;
    if (got) {
        *item = queue[qhead++ % 64];
        pthread_cond_broadcast(&qcond); /* room for the producer */
    }
    pthread_mutex_unlock(&qlock);
    return got;
}

static void *worker(void *arg)
{
    long id = (long)arg;
    tids[id] = (pid_t)syscall(SYS_gettid);
    tls_value += id; /* must not leak into other threads */
    for (int i = 0; i < ROUNDS; i++) {
        atomic_fetch_add(&amo_counter, 1);
        cas_add(&cas_counter, 2);
        pthread_mutex_lock(&lock);
        locked_counter += 3;
        pthread_mutex_unlock(&lock);
    }
    pthread_barrier_wait(&barrier);
    /* after the barrier every worker sees all the others' work */
    if (atomic_load(&amo_counter) != (long)WORKERS * ROUNDS) printf("worker %ld: barrier let it through early\n", id);
    int item;
    long mine = 0;
    while (take_item(&item)) mine += item;
    cas_add(&consumed_sum, mine);
    if (tls_value != 1000 + id) printf("worker %ld: tls value %ld\n", id, tls_value);
    return (void *)(id * 3 + 1);
}

static sem_t held, release;
static void *holder(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&lock);
    sem_post(&held);
    sem_wait(&release);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static sem_t detached_done;
static void *detached(void *arg)
{
    (void)arg;
    tls_value = 7;
    sem_post(&detached_done);
    return NULL;
}

/* Forks from a second thread: the child has only this thread, can still
 * allocate and take locks, and its exit status comes back. */
static void *forker(void *arg)
{
    (void)arg;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        char *p = malloc(1000);
        pthread_mutex_lock(&lock);
        pthread_mutex_unlock(&lock);
        _exit(p && tls_value == 1000 ? 42 : 1);
    }
    int status = 0;
    if (pid < 0 || waitpid(pid, &status, 0) != pid) return (void *)-1L;
    return (void *)(long)(WIFEXITED(status) ? WEXITSTATUS(status) : -2);
}

int main(void)
{
    pthread_t th[WORKERS];
    pthread_barrier_init(&barrier, NULL, WORKERS);
    for (long i = 0; i < WORKERS; i++)
        if (pthread_create(&th[i], NULL, worker, (void *)i)) {
            printf("pthread_create failed\n");
            return 1;
        }
    /* produce while the workers count */
    long want_sum = 0;
    for (int i = 1; i <= ITEMS; i++) {
        pthread_mutex_lock(&qlock);
        while (qtail - qhead == 64) pthread_cond_wait(&qcond, &qlock);
        queue[qtail++ % 64] = i;
        want_sum += i;
        pthread_cond_signal(&qcond);
        pthread_mutex_unlock(&qlock);
    }
    pthread_mutex_lock(&qlock);
    produced_done = 1;
    pthread_cond_broadcast(&qcond);
    pthread_mutex_unlock(&qlock);

    long codes = 0;
    for (int i = 0; i < WORKERS; i++) {
        void *ret;
        pthread_join(th[i], &ret);
        codes += (long)ret;
    }
    for (int i = 0; i < WORKERS; i++)
        for (int j = 0; j < i; j++)
            if (tids[i] == tids[j] || tids[i] == getpid()) tids_distinct_ok = 0;
    printf("amo counter %ld (want %ld)\n", (long)amo_counter, (long)WORKERS * ROUNDS);
    printf("cas counter %ld (want %ld)\n", cas_counter, 2L * WORKERS * ROUNDS);
    printf("mutex counter %ld (want %ld)\n", locked_counter, 3L * WORKERS * ROUNDS);
    printf("queue sum %ld (want %ld)\n", consumed_sum, want_sum);
    printf("exit codes %ld (want %d)\n", codes, 3 * (WORKERS * (WORKERS - 1) / 2) + WORKERS);
    printf("thread ids distinct: %s\n", tids_distinct_ok ? "yes" : "no");

    pthread_t d;
    pthread_attr_t attr;
    sem_init(&detached_done, 0, 0);
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    pthread_create(&d, &attr, detached, NULL);
    sem_wait(&detached_done);
    printf("detached thread ran; main tls still %ld\n", tls_value);

    pthread_t f;
    void *fret;
    pthread_create(&f, NULL, forker, NULL);
    pthread_join(f, &fret);
    printf("child forked by a thread exited with %ld\n", (long)fret);

    /* futex timeouts: a timed lock of a mutex another thread holds, and a
     * condition wait nobody signals, both give up with ETIMEDOUT */
    pthread_t h;
    sem_init(&held, 0, 0);
    sem_init(&release, 0, 0);
    pthread_create(&h, NULL, holder, NULL);
    sem_wait(&held);
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += 50000000;
    if (until.tv_nsec >= 1000000000) until.tv_sec++, until.tv_nsec -= 1000000000;
    int r1 = pthread_mutex_timedlock(&lock, &until);
    sem_post(&release);
    pthread_join(h, NULL);
    pthread_mutex_lock(&qlock);
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_nsec += 20000000;
    if (until.tv_nsec >= 1000000000) until.tv_sec++, until.tv_nsec -= 1000000000;
    int r2 = pthread_cond_timedwait(&qcond, &qlock, &until);
    pthread_mutex_unlock(&qlock);
    printf("timed lock: %s, timed wait: %s\n", r1 == ETIMEDOUT ? "ETIMEDOUT" : "?", r2 == ETIMEDOUT ? "ETIMEDOUT" : "?");
    return 0;
}
