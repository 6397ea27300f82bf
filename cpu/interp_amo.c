/*
 * cpu/interp_amo.c — the A extension: LR/SC and the AMOs, W and D.
 *
 * rvdbt runs one hart per host thread, so an AMO is simply load, compute,
 * store.  What matters is the exact semantics: natural alignment is required
 * (misaligned -> address-misaligned trap, which Linux turns into SIGBUS),
 * any fault is reported as a store/AMO fault, W results are sign-extended,
 * and SC succeeds only with a valid reservation for the same address.
 *
 * How a reservation is lost: by an SC, a trap, or a signal — and, as in
 * QEMU, SC also fails if memory no longer holds the value LR read.  Stores
 * do not look at the reservation at all.  The specification requires an SC
 * to fail after another hart's store to the reservation set; a store by the
 * same hart may or may not break it.  rvdbt runs one hart per process, so
 * comparing the value is enough, and it keeps every store's fast path free
 * of reservation checks (translated stores are a single host instruction).
 * (A store of the very value LR read leaves the SC free to succeed: allowed,
 * since no other hart can have observed the difference.)
 *
 * In user mode, though, memory can be shared with another process
 * (MAP_SHARED, a forked child), so there an AMO and an SC are one host
 * atomic operation (a compare-and-swap loop) on the guest page's host
 * memory: atomic against the other process, as on real hardware.
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

/* User mode: the AMO `op` (or, for an SC, a store of src if memory still
 * holds `expect`) as one host atomic operation.  False if the access must
 * take the normal path (system mode, or a page the guest may not write:
 * that path raises the precise fault). */
static bool amo_host(struct cpu *cpu, int op, uint64_t addr, unsigned size, uint64_t src, bool is_sc, uint64_t expect,
                     uint64_t *old)
{
    struct mmu *m = cpu->mmu;
    if (m->sys) return false;
    void *p = mmu_host_ptr(m, addr, size, MMU_READ | MMU_WRITE);
    if (!p) return false;
    bool word = size == 4;
    uint64_t o = word ? __atomic_load_n((uint32_t *)p, __ATOMIC_SEQ_CST) : __atomic_load_n((uint64_t *)p, __ATOMIC_SEQ_CST);
    uint64_t n;
    for (;;) {
        if (is_sc && o != expect) { /* the SC fails: no store */
            *old = o;
            return true;
        }
        n = is_sc ? src : amo_compute(op, o, src, word);
        bool done;
        if (word) {
            uint32_t o32 = (uint32_t)o;
            done = __atomic_compare_exchange_n((uint32_t *)p, &o32, (uint32_t)n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
            o = o32;
        } else {
            done = __atomic_compare_exchange_n((uint64_t *)p, &o, n, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
        }
        if (done) break;
    }
    if (m->store_log) mmu_log_store(m, addr, size, o, n); /* (the store bypassed the logging slow path) */
    *old = o;
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
    if (is_sc) {
        uint64_t now = 0;
        bool held = cpu->reservation_valid && cpu->reservation == addr;
        if (!held) {
            result = 1; /* failure: no store */
        } else if (amo_host(cpu, in->op, addr, size, cpu->x[in->rs2], true, cpu->reservation_value, &now)) {
            result = now == cpu->reservation_value ? 0 : 1;
        } else {
            int r = mmu_load(cpu->mmu, addr, size, &now);
            if (r) return cpu_trap(cpu, cpu_mem_fault_cause(r, true), addr);
            result = 1;
            if (now == cpu->reservation_value) {
                r = mmu_store(cpu->mmu, addr, size, cpu->x[in->rs2]);
                if (r) return cpu_trap(cpu, cpu_mem_fault_cause(r, true), addr);
                result = 0;
            }
        }
        cpu->reservation_valid = false;
    } else if (!is_lr && amo_host(cpu, in->op, addr, size, cpu->x[in->rs2], false, 0, &result)) {
        result = word ? (uint64_t)(int64_t)(int32_t)result : result;
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
