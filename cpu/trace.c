/*
 * cpu/trace.c — the commit log of `--trace` (format described in trace.h).
 *
 * How it learns what an instruction did, without touching the interpreter:
 * - the register written is the instruction's rd when its operand list
 *   (cpu/insn_table.h) starts with 'd' (integer) or 'D' (float): read after
 *   it executed;
 * - memory stores come from the mmu's store log, which while attached sends
 *   every guest store through the slow path and records it (the check
 *   engine uses the same log);
 * - a load's address is computed from the decoded instruction before it
 *   runs (rs1 + imm; rs1 for an AMO), as the interpreter will.
 * Before the window opens (--trace-from) and after it closes
 * (--trace-count), the interpreter runs at its normal speed.
 */
#include "cpu/trace.h"

#include <stdlib.h>

#include "cpu/disasm.h"
#include "cpu/interp.h"
#include "mmu/mmu.h"

struct trace {
    struct trace_options opt;
    bool started, finished;
    uint64_t logged;
    struct mmu_store_log stores;
};

struct trace *trace_create(const struct trace_options *opt)
{
    struct trace *t = calloc(1, sizeof *t);
    if (!t) return NULL;
    t->opt = *opt;
    return t;
}

void trace_destroy(struct trace *t)
{
    if (t && t->opt.out) fflush(t->opt.out);
    free(t);
}

/* Spike prints a value as 0x and as many hex digits as its width needs. */
static void print_value(FILE *f, unsigned bits, uint64_t v)
{
    fprintf(f, "0x%0*llx", (int)(bits / 4), (unsigned long long)v);
}

/* The address a load reads (Spike lists it as " mem ADDR"), computed before
 * the instruction runs since it may overwrite its own base register; false
 * for an instruction that does not load (sc.* only stores). */
static bool load_address(const struct cpu *cpu, const struct rv_insn *in, uint64_t *addr)
{
    uint16_t flags = rv_insn_info[in->op].flags;
    if (flags & RV_F_LOAD) *addr = cpu->x[in->rs1] + (uint64_t)in->imm;
    else if ((flags & RV_F_AMO) && in->op != RV_OP_SC_W && in->op != RV_OP_SC_D) *addr = cpu->x[in->rs1];
    else return false;
    return true;
}

static void log_insn(struct trace *t, struct cpu *cpu, unsigned priv, uint64_t pc, const struct rv_insn *in,
                     bool completed, bool loads, uint64_t load_addr)
{
    FILE *f = t->opt.out;
    fprintf(f, "core   0: %u ", priv);
    print_value(f, 64, pc);
    fprintf(f, " (");
    print_value(f, in->len * 8u, in->raw);
    fprintf(f, ")");
    const char *ops = rv_insn_info[in->op].operands;
    if (completed && ops[0] == 'd' && in->rd) {
        fprintf(f, " x%-2u ", in->rd);
        print_value(f, 64, cpu->x[in->rd]);
    } else if (completed && ops[0] == 'D') {
        fprintf(f, " f%-2u ", in->rd);
        print_value(f, 64, cpu->f[in->rd]);
    }
    if (completed && loads) {
        fprintf(f, " mem ");
        print_value(f, 64, load_addr);
    }
    for (int i = 0; i < t->stores.n; i++) {
        const struct mmu_store_record *r = &t->stores.rec[i];
        fprintf(f, " mem ");
        print_value(f, 64, r->addr);
        fprintf(f, " ");
        print_value(f, r->size * 8, r->new_value);
    }
    if (t->opt.disasm) {
        char text[96];
        rv_disasm(in, pc, text, sizeof text);
        fprintf(f, "  ; %s", text);
    }
    fputc('\n', f);
}

static void finish(struct trace *t, struct cpu *cpu)
{
    t->finished = true;
    mmu_set_store_log(cpu->mmu, NULL);
    fflush(t->opt.out);
}

bool trace_run(struct trace *t, struct cpu *cpu)
{
    for (;;) {
        if (t->finished) return cpu_run_interp(cpu, UINT64_MAX);
        if (cpu_exit_requested(cpu)) return false;
        if (!t->started) {
            if (t->opt.has_from && cpu->pc != t->opt.from) {
                if (cpu_run_interp(cpu, 1)) return true;
                continue;
            }
            t->started = true;
        }
        /* (attached at the first logged instruction; the test is one compare) */
        if (cpu->mmu->store_log != &t->stores) mmu_set_store_log(cpu->mmu, &t->stores);
        t->stores.n = 0;
        t->stores.overflow = false;
        struct rv_insn in;
        uint64_t pc = cpu->pc, before = cpu->instret;
        unsigned priv = cpu->system ? cpu->priv.mode : 0; /* the mode it runs in (mret changes it) */
        uint64_t load_addr = 0;
        bool decoded = cpu_fetch_decode(cpu, &in);
        bool loads = decoded && load_address(cpu, &in, &load_addr);
        bool trap = cpu_run_interp(cpu, 1);
        if (!trap && cpu->instret == before) return false; /* an exit request came first */
        /* (user mode's ecall completes once the system call is done: log it) */
        if (trap && !(decoded && !cpu->system && cpu->trap_cause == RV_CAUSE_ECALL_U)) return true;
        log_insn(t, cpu, priv, pc, &in, !trap, loads, load_addr);
        if (t->opt.count && ++t->logged >= t->opt.count) finish(t, cpu);
        if (trap) return true;
    }
}
