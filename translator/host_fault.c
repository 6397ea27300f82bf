/*
 * translator/host_fault.c — user mode: the host MMU checks guest accesses.
 *
 * In user mode every guest page is mapped in one host reservation with the
 * guest's own permissions (mmu/mmu.c), so translated code does not need the
 * software TLB to decide whether an access is allowed: it checks only that
 * the address lies inside the 32 GiB guest space (anything else would reach
 * host memory) and then makes the access.  If the guest may not make it
 * (unmapped page, store to a read-only page), the host faults.  That is the
 * rare case, and this file handles it: the SIGSEGV handler finds which
 * translated access faulted and moves the host pc to that access's slow
 * path, exactly as if a software check had jumped there.  The slow path
 * repeats the access through the interpreter's MMU, which raises the guest
 * fault precisely (registers written back, instret counted, pc set).
 *
 * This is how rv8 and Blink skip the check too (QEMU's user mode skips it
 * without the bounds test, trusting the guest not to reach host memory).
 * It saves five of the eight host instructions of an inline TLB lookup on
 * every load and store.  --no-host-mmu goes back to the TLB, to compare.
 *
 * Each block records its fault sites: the host offset of every access that
 * may fault, with the offset of its slow path.  Blocks lie in the code
 * cache in the order of tx->all, so a binary search finds the block.
 *
 * Threads: every guest thread runs its own translator on its own host
 * thread, and SIGSEGV is delivered to the thread that faulted, so the
 * handler first asks the translator this thread is running (tx_current,
 * thread-local, set by the dispatcher).  The registry below is for code
 * that runs several translators in one thread (tests, the fuzzer).
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

#include "translator/tx_internal.h"

/* The translators whose code the handler looks up: one per process in
 * user mode (tests and the fuzzer run a few side by side). */
#define MAX_TRANSLATORS 8
static struct translator *translators[MAX_TRANSLATORS];
static int users; /* translators relying on the handler (may exceed the slots) */
static struct sigaction previous;
static bool installed;
static void (*async_hook)(int sig, siginfo_t *si);

void tx_set_async_signal_hook(void (*hook)(int sig, siginfo_t *si)) { async_hook = hook; }
static pthread_mutex_t registry_lock = PTHREAD_MUTEX_INITIALIZER;
static _Thread_local struct translator *tx_current;

void tx_set_current(struct translator *tx) { tx_current = tx; }

/* The block whose code holds host address `pc`, or NULL (also used by
 * cold_stubs.c: the blocks are in tx->all in the order of their code). */
const struct tx_block *tx_block_at_host(const struct translator *tx, uintptr_t pc)
{
    if (!code_cache_contains_rx(&tx->cc, (const void *)pc)) return NULL;
    /* the last block starting at or before pc: from the first one starting
     * on or after pc's page (translator.page_index), on while they start at
     * or before pc */
    size_t page = (size_t)(pc - (uintptr_t)tx->cc.rx) >> 12;
    size_t i = page < tx->page_index_next ? tx->page_index[page] : tx->n_all;
    while (i < tx->n_all && tx->all_host[i] <= pc) i++;
    if (i == 0) return NULL;
    const struct tx_block *b = tx->all[i - 1];
    return pc < (uintptr_t)b->host + b->host_size ? b : NULL;
}

const uint8_t *tx_fault_resume(struct translator *tx, uintptr_t pc)
{
    if (!code_cache_contains_rx(&tx->cc, (const void *)pc)) return NULL;
    const struct tx_block *b = tx_block_at_host(tx, pc);
    if (!b) return NULL;
    uint32_t offset = (uint32_t)(pc - (uintptr_t)b->host);
    for (int i = 0; i < b->n_fault_sites; i++)
        if (b->fault_sites[i].access == offset) {
            tx->stats.host_faults++;
            return b->host + b->fault_sites[i].slow_path;
        }
    return NULL;
}

static void on_host_fault(int sig, siginfo_t *si, void *context)
{
    ucontext_t *uc = context;
    /* A SIGSEGV sent by kill, tkill or sigqueue (si_code <= 0: SI_USER,
     * SI_TKILL, SI_QUEUE) is not a fault at all, whatever the pc: it is a
     * signal for the guest, which decides what it means (its handler, or
     * the default action: death).  Taking it for a fault would report an
     * internal error and lose it. */
    if (si->si_code <= 0) {
        if (async_hook) {
            async_hook(sig, si);
        } else { /* (no frontend: the default action) */
            signal(sig, SIG_DFL);
            raise(sig);
        }
        return;
    }
    const uint8_t *resume = NULL;
    uintptr_t rip = (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
    if (tx_current) resume = tx_fault_resume(tx_current, rip);
    for (int i = 0; i < MAX_TRANSLATORS && !resume; i++) {
        struct translator *tx = __atomic_load_n(&translators[i], __ATOMIC_ACQUIRE);
        if (tx && tx != tx_current) resume = tx_fault_resume(tx, rip);
    }
    if (resume) {
        uc->uc_mcontext.gregs[REG_RIP] = (greg_t)(uintptr_t)resume;
        return;
    }
    /* Not a guest access: a bug in rvdbt.  Say so, then let the handler that
     * was there before (the default: a core dump; or a sanitizer's report)
     * take the same fault when the instruction runs again. */
    static const char msg[] = "rvdbt: internal error: host memory fault outside guest accesses\n";
    if (write(2, msg, sizeof msg - 1) < 0) { /* nothing more to do */ }
    (void)si;
    sigaction(sig, &previous, NULL);
}

bool tx_install_fault_handler(struct translator *tx)
{
    pthread_mutex_lock(&registry_lock);
    int free_slot = -1;
    for (int i = 0; i < MAX_TRANSLATORS; i++) {
        if (translators[i] == tx) {
            pthread_mutex_unlock(&registry_lock);
            return installed;
        }
        if (!translators[i] && free_slot < 0) free_slot = i;
    }
    /* Without a slot the handler still finds tx through tx_current, as long
     * as tx runs in the thread that faults (always, in user mode). */
    if (free_slot >= 0) __atomic_store_n(&translators[free_slot], tx, __ATOMIC_RELEASE);
    tx->fault_handler_user = true;
    users++;
    if (!installed) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = on_host_fault;
        sa.sa_flags = SA_SIGINFO;
        sigemptyset(&sa.sa_mask);
        installed = sigaction(SIGSEGV, &sa, &previous) == 0;
    }
    bool ok = installed;
    pthread_mutex_unlock(&registry_lock);
    return ok;
}

void tx_lock_for_fork(void) { pthread_mutex_lock(&registry_lock); }

void tx_unlock_after_fork(bool child)
{
    if (child) { /* only this thread's translator (tx_current) is still in use */
        users = 0;
        for (int i = 0; i < MAX_TRANSLATORS; i++)
            if (translators[i] && translators[i] != tx_current) __atomic_store_n(&translators[i], NULL, __ATOMIC_RELEASE);
        if (tx_current && tx_current->fault_handler_user) users = 1;
    }
    /* (the child unlocks it too: the forking thread, its owner, is the child's thread) */
    pthread_mutex_unlock(&registry_lock);
}

void tx_remove_fault_handler(struct translator *tx)
{
    if (tx_current == tx) tx_current = NULL;
    if (!tx->fault_handler_user) return;
    pthread_mutex_lock(&registry_lock);
    for (int i = 0; i < MAX_TRANSLATORS; i++)
        if (translators[i] == tx) __atomic_store_n(&translators[i], NULL, __ATOMIC_RELEASE);
    tx->fault_handler_user = false;
    if (--users == 0 && installed) { /* the last one: give the signal back (a test framework may own it) */
        sigaction(SIGSEGV, &previous, NULL);
        installed = false;
    }
    pthread_mutex_unlock(&registry_lock);
}
