/*
 * cpu/interp_amo.c — the A extension: LR/SC and the AMOs, W and D.
 *
 * Guest threads are host threads sharing guest memory, so in user mode an
 * AMO is one host atomic read-modify-write on the guest's host address (a
 * `lock cmpxchg` loop: sequentially consistent, stronger than any .aq/.rl
 * asks for).  Translated code calls this function for AMOs, so both engines
 * are atomic the same way.  What else matters is the exact semantics:
 * natural alignment is required (misaligned -> address-misaligned trap,
 * which Linux turns into SIGBUS), any fault is reported as a store/AMO
 * fault, W results are sign-extended, and SC succeeds only with a valid
 * reservation for the same address.
 *
 * How a reservation is lost: by an SC, a trap, or a signal — and, as in
 * QEMU, SC also fails if memory no longer holds the value LR read: the SC
 * is a host compare-and-swap of that value, so it is atomic against other
 * threads too.  Stores do not look at the reservation at all, which keeps
 * every store's fast path free of reservation checks (translated stores are
 * a single host instruction).  The cost is ABA: another thread storing A,
 * B, then A again between our LR and SC goes unnoticed.  The specification
 * requires that SC to fail; QEMU accepts the same gap, and the LR/SC loops
 * compilers and libraries emit (compare-and-swap, atomic add) only need
 * the value to be unchanged.
 *
 * The same host atomics make AMOs and SC atomic against other processes:
 * user-mode memory can be shared with one (MAP_SHARED, shared anonymous
 * memory inherited over fork), and there the guest page is the host's
 * shared page.  So the check engine (threads serialised, every store logged)
 * uses them too, and logs the store itself, since it bypassed the logging
 * slow path.  System mode keeps the plain load/compute/store when its harts
 * take turns on one thread, and uses host atomics too when they run in
 * parallel (amo_system_atomic).
 */
#include "cpu/interp.h"
#include "mmu/mmu.h"
#include "mmu/mmu_system.h" /* mmu_log_store */

static uint64_t amo_compute(int op, uint64_t old, uint64_t src, bool word)
{
    int64_t so = word ? (int32_t)old : (int64_t)old, ss = word ? (int32_t)src : (int64_t)src;
    uint64_t uo = word ? (uint32_t)old : old, us = word ? (uint32_t)src : src;
    switch (op) {
    case RV_OP_AMOSWAP_W: case RV_OP_AMOSWAP_D: return src;
    case RV_OP_AMOADD_W: case RV_OP_AMOADD_D: return old + src;
    case RV_OP_AMOXOR_W: case RV_OP_AMOXOR_D: return old ^ src;
    case RV_OP_AMOAND_W: case RV_OP_AMOAND_D: return old & src;
    case RV_OP_AMOOR_W: case RV_OP_AMOOR_D: return old | src;
    case RV_OP_AMOMIN_W: case RV_OP_AMOMIN_D: return so < ss ? old : src;
    case RV_OP_AMOMAX_W: case RV_OP_AMOMAX_D: return so > ss ? old : src;
    case RV_OP_AMOMINU_W: case RV_OP_AMOMINU_D: return uo < us ? old : src;
    default: return uo > us ? old : src; /* amomaxu */
    }
}

/* The host address of an aligned guest word the guest may write, or NULL
 * with *fault set (user mode only). */
static void *amo_host_ptr(struct mmu *m, uint64_t addr, unsigned size, int *fault)
{
    void *p = mmu_host_ptr(m, addr, size, MMU_WRITE);
    if (!p) *fault = mmu_is_mapped(m, addr) ? MMU_FAULT_PROT : MMU_FAULT_UNMAPPED;
    return p;
}

/* Atomically replaces *p (4 or 8 bytes) with amo_compute(old); returns old. */
static uint64_t amo_atomic(void *p, int op, uint64_t src, bool word)
{
    if (word) {
        uint32_t old = __atomic_load_n((uint32_t *)p, __ATOMIC_RELAXED);
        while (!__atomic_compare_exchange_n((uint32_t *)p, &old, (uint32_t)amo_compute(op, old, src, true), false,
                                            __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)) {
        }
        return old;
    }
    uint64_t old = __atomic_load_n((uint64_t *)p, __ATOMIC_RELAXED);
    while (!__atomic_compare_exchange_n((uint64_t *)p, &old, amo_compute(op, old, src, false), false, __ATOMIC_SEQ_CST,
                                        __ATOMIC_RELAXED)) {
    }
    return old;
}

/* The user-mode path: host atomics on guest memory.  Returns false on a trap. */
static bool amo_user(struct cpu *cpu, const struct rv_insn *in, uint64_t addr, unsigned size, bool word,
                     uint64_t *result)
{
    bool is_lr = in->op == RV_OP_LR_W || in->op == RV_OP_LR_D;
    bool is_sc = in->op == RV_OP_SC_W || in->op == RV_OP_SC_D;
    int fault;
    if (is_lr) {
        uint64_t old;
        int r = mmu_load(cpu->mmu, addr, size, &old);
        if (r) return cpu_trap(cpu, cpu_mem_fault_cause(r, false), addr);
        cpu->reservation = addr;
        cpu->reservation_value = old;
        cpu->reservation_valid = true;
        *result = word ? (uint64_t)(int64_t)(int32_t)old : old;
        return true;
    }
    if (is_sc) {
        bool held = cpu->reservation_valid && cpu->reservation == addr;
        *result = 1; /* failure: no store */
        if (held) {
            void *p = amo_host_ptr(cpu->mmu, addr, size, &fault);
            if (!p) return cpu_trap(cpu, cpu_mem_fault_cause(fault, true), addr);
            bool ok;
            if (word) {
                uint32_t expect = (uint32_t)cpu->reservation_value;
                ok = __atomic_compare_exchange_n((uint32_t *)p, &expect, (uint32_t)cpu->x[in->rs2], false,
                                                 __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
            } else {
                uint64_t expect = cpu->reservation_value;
                ok = __atomic_compare_exchange_n((uint64_t *)p, &expect, cpu->x[in->rs2], false, __ATOMIC_SEQ_CST,
                                                 __ATOMIC_RELAXED);
            }
            if (ok) {
                *result = 0;
                if (cpu->mmu->store_log) /* (the store bypassed the logging slow path) */
                    mmu_log_store(cpu->mmu, addr, size, cpu->reservation_value, cpu->x[in->rs2]);
            }
        }
        cpu->reservation_valid = false;
        return true;
    }
    void *p = amo_host_ptr(cpu->mmu, addr, size, &fault);
    if (!p) return cpu_trap(cpu, cpu_mem_fault_cause(fault, true), addr);
    uint64_t old = amo_atomic(p, in->op, cpu->x[in->rs2], word);
    if (cpu->mmu->store_log) mmu_log_store(cpu->mmu, addr, size, old, amo_compute(in->op, old, cpu->x[in->rs2], word));
    *result = word ? (uint64_t)(int64_t)(int32_t)old : old;
    return true;
}

/* System mode with parallel harts (-accel tcg,thread=multi): the other harts
 * store on other host threads, so an AMO is a host atomic and SC a host
 * compare-and-swap of the value LR read, as in user mode (the same ABA gap
 * as QEMU's MTTCG).  A device word gets a plain load and store: AMOs on
 * MMIO are not atomic on the virt board either.  Returns false on a trap. */
static bool amo_system_atomic(struct cpu *cpu, const struct rv_insn *in, uint64_t addr, unsigned size, bool word,
                              bool is_sc, uint64_t *result)
{
    if (is_sc && !(cpu->reservation_valid && cpu->reservation == addr)) {
        cpu->reservation_valid = false;
        *result = 1;
        return true;
    }
    void *p;
    uint64_t pa, old;
    int r = mmu_sys_atomic_ptr(cpu->mmu, addr, size, &p, &pa);
    if (!r && !p) { /* a device */
        r = mmu_load(cpu->mmu, addr, size, &old);
        if (!r && is_sc && old != cpu->reservation_value) old = ~cpu->reservation_value; /* (fails below) */
        else if (!r) r = mmu_store(cpu->mmu, addr, size, is_sc ? cpu->x[in->rs2] : amo_compute(in->op, old, cpu->x[in->rs2], word));
        if (r) return cpu_trap(cpu, cpu_mem_fault_cause(r, true), addr);
        if (is_sc) {
            cpu->reservation_valid = false;
            *result = old == cpu->reservation_value ? 0 : 1;
        } else *result = word ? (uint64_t)(int64_t)(int32_t)old : old;
        return true;
    }
    if (r) return cpu_trap(cpu, cpu_mem_fault_cause(r, true), addr);
    if (is_sc) {
        bool ok;
        uint64_t expect = cpu->reservation_value;
        if (word) {
            uint32_t e32 = (uint32_t)expect;
            ok = __atomic_compare_exchange_n((uint32_t *)p, &e32, (uint32_t)cpu->x[in->rs2], false, __ATOMIC_SEQ_CST,
                                             __ATOMIC_RELAXED);
        } else {
            ok = __atomic_compare_exchange_n((uint64_t *)p, &expect, cpu->x[in->rs2], false, __ATOMIC_SEQ_CST,
                                             __ATOMIC_RELAXED);
        }
        if (ok && cpu->mmu->store_log) mmu_log_store(cpu->mmu, pa, size, cpu->reservation_value, cpu->x[in->rs2]);
        cpu->reservation_valid = false;
        *result = ok ? 0 : 1;
        return true;
    }
    old = amo_atomic(p, in->op, cpu->x[in->rs2], word);
    if (cpu->mmu->store_log) mmu_log_store(cpu->mmu, pa, size, old, amo_compute(in->op, old, cpu->x[in->rs2], word));
    *result = word ? (uint64_t)(int64_t)(int32_t)old : old;
    return true;
}

bool cpu_exec_amo(struct cpu *cpu, const struct rv_insn *in)
{
    bool word = in->rm == 2; /* funct3: 2 = .w, 3 = .d */
    unsigned size = word ? 4 : 8;
    uint64_t addr = cpu->x[in->rs1];
    bool is_lr = in->op == RV_OP_LR_W || in->op == RV_OP_LR_D;
    bool is_sc = in->op == RV_OP_SC_W || in->op == RV_OP_SC_D;

    if (addr & (size - 1))
        return cpu_trap(cpu, is_lr ? RV_CAUSE_MISALIGNED_LOAD : RV_CAUSE_MISALIGNED_STORE, addr);

    uint64_t result;
    if (!cpu->system) {
        if (!amo_user(cpu, in, addr, size, word, &result)) return false;
    } else if (cpu->mmu->sys->parallel && !is_lr && !amo_system_atomic(cpu, in, addr, size, word, is_sc, &result)) {
        return false;
    } else if (cpu->mmu->sys->parallel && !is_lr) {
        /* (done: host atomics) */
    } else if (is_sc) {
        uint64_t now = 0;
        bool held = cpu->reservation_valid && cpu->reservation == addr;
        if (held) {
            int r = mmu_load(cpu->mmu, addr, size, &now);
            if (r) return cpu_trap(cpu, cpu_mem_fault_cause(r, true), addr);
        }
        if (held && now == cpu->reservation_value) {
            int r = mmu_store(cpu->mmu, addr, size, cpu->x[in->rs2]);
            if (r) return cpu_trap(cpu, cpu_mem_fault_cause(r, true), addr);
            result = 0;
        } else {
            result = 1; /* failure: no store */
        }
        cpu->reservation_valid = false;
    } else {
        uint64_t old;
        int r = mmu_load(cpu->mmu, addr, size, &old);
        if (r) return cpu_trap(cpu, cpu_mem_fault_cause(r, !is_lr), addr); /* an AMO faults as a store */
        if (is_lr) {
            cpu->reservation = addr;
            cpu->reservation_value = old;
            cpu->reservation_valid = true;
        } else {
            r = mmu_store(cpu->mmu, addr, size, amo_compute(in->op, old, cpu->x[in->rs2], word));
            if (r) return cpu_trap(cpu, cpu_mem_fault_cause(r, true), addr);
        }
        result = word ? (uint64_t)(int64_t)(int32_t)old : old;
    }
    if (in->rd) cpu->x[in->rd] = result;
    cpu->pc += in->len;
    cpu->instret++;
    return true;
}
