/*
 * frontends/common/options.c — the table of every command-line option, its parser
 * (getopt_long_only), the engine options' meaning, and --help (see options.h).
 */
#include "frontends/common/options.h"

#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu/isa_ext.h"

#define ALL_ENGINE (FOR_RUN | FOR_SYSTEM)

struct option_def {
    const char *name;     /* without dashes */
    int id;
    unsigned scope;       /* enum option_scope bits */
    const char *arg;      /* the value's name in --help, NULL if the option takes none */
    bool single_dash;     /* shown as -name (QEMU's style) in --help */
    const char *help;     /* lines separated by \n */
};

/* A TCP port for -g: 1-65535, digits only. */
static bool parse_port(const char *text, int *port)
{
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (end == text || *end || errno || v < 1 || v > 65535 || text[0] == '-' || text[0] == '+') return false;
    *port = (int)v;
    return true;
}

/* The table.  Order is --help's order. */
static const struct option_def table[] = {
    /* system mode's machine (QEMU's spellings) */
    {"bios", OPT_BIOS, FOR_SYSTEM, "FILE|none", true,
     "firmware loaded at 0x80000000 (default: Debian's OpenSBI\n"
     "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin);\n"
     "none: the kernel runs directly in M-mode"},
    {"kernel", OPT_KERNEL, FOR_SYSTEM, "FILE", true,
     "an ELF (bare-metal program, loaded at its physical\naddresses) or a flat Linux Image (at 0x80200000)"},
    {"initrd", OPT_INITRD, FOR_SYSTEM, "FILE", true, "initial RAM disk, passed in the device tree"},
    {"append", OPT_APPEND, FOR_SYSTEM, "CMDLINE", true, "kernel command line (/chosen/bootargs)"},
    {"m", OPT_RAM, FOR_SYSTEM, "SIZE", true,
     "RAM size (e.g. 256M, 1G, 65536K, 9000001B; a bare number is\nMiB; rounded up to 8K, as QEMU does; default 256M, 8M..16G)"},
    {"fb", OPT_FB, FOR_SYSTEM, "WxH", true, "framebuffer size (default 640x480, XRGB8888 at 0x28000000)"},
    {"display", OPT_DISPLAY, FOR_SYSTEM, "sdl|none", true,
     "sdl: show the framebuffer in a window, keys typed there go\n"
     "to the key device and the UART (default when DISPLAY is set);\n"
     "none: no window"},
    {"nographic", OPT_NOGRAPHIC, FOR_SYSTEM, NULL, true, "the same as -display none"},
    {"screenshot", OPT_SCREENSHOT, FOR_SYSTEM, "FILE.png", false,
     "write the framebuffer to FILE.png when the run ends\n(in the window, F12 writes rvdbt-screenshot-N.png)"},
    {"tui", OPT_TUI, FOR_SYSTEM, NULL, false,
     "step the machine in the terminal: rvdbt tui's panes\nand keys (the Sv39 walk of pc for t; no stepping\n"
     "back), the UART in its console pane"},
    {"run-for", OPT_RUN_FOR, FOR_SYSTEM, "SECONDS", false, "end the run (status 0) after that many seconds"},
    {"drive", OPT_DRIVE, FOR_SYSTEM, "file=IMG[,format=raw][,if=virtio|none][,id=ID][,readonly=on]", true,
     "a raw disk image as virtio-blk (/dev/vda); if=none: only\nfor -device virtio-blk-device,drive=ID.  (Virtio devices:\n"
     "virtio-mmio at 0x10001000-0x10008fff, PLIC sources 1-8; the\nfirst device given takes 0x10008000, as on QEMU)"},
    {"snapshot", OPT_SNAPSHOT, FOR_SYSTEM, NULL, true, "disk writes stay in memory; the image is not changed"},
    {"device", OPT_DEVICE, FOR_SYSTEM, "virtio-blk-device,drive=ID|virtio-rng-device|virtio-net-device,netdev=ID[,mac=..]", true,
     "a virtio device"},
    {"netdev", OPT_NETDEV, FOR_SYSTEM, "user,id=ID[,hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT]", true,
     "user-mode network (libslirp): guest 10.0.2.15 by DHCP,\ngateway 10.0.2.2 = the host's 127.0.0.1, DNS 10.0.2.3"},
    {"nic", OPT_NIC, FOR_SYSTEM, "user[,hostfwd=...]", true, "the same with its virtio-net-device"},
    {"d", OPT_LOG_ITEMS, FOR_SYSTEM, "ITEMS", true,
     "log: int = every trap and interrupt (cause, pc and privilege it\nhappened at, tval, the privilege and handler it went to);\n"
     "mmu = every page walk (va, satp, each level's PTE address\nand value, the pa or the fault); both: -d int,mmu"},
    {"D", OPT_LOG_FILE, FOR_SYSTEM, "FILE", true, "write the -d log to FILE instead of stderr"},
    {"log-limit", OPT_LOG_LIMIT, FOR_SYSTEM, "N", false, "end the -d log after N lines (default 100000)"},
    {"M", OPT_MACHINE, FOR_SYSTEM, "virt", true, "accepted for QEMU compatibility (-machine too)"},
    {"machine", OPT_MACHINE, FOR_SYSTEM, "virt", true, NULL},
    {"smp", OPT_SMP, FOR_SYSTEM, "1", true, "harts, 1-8 (QEMU's syntax: N or cpus=N)"},
    {"accel", OPT_ACCEL, FOR_SYSTEM, "tcg[,thread=multi|single]", true,
     "how -smp harts run, QEMU's syntax: thread=multi (default):\none host thread per hart, in parallel; thread=single: they\n"
     "take turns on one host thread (one hart moves at a time:\nfor teaching and debugging)"},
    /* the engine: run and system */
    {"engine", OPT_ENGINE, ALL_ENGINE | FOR_TUI, "ENGINE", false,
     "interp: the interpreter (reference semantics)\n"
     "jit: translate blocks to x86-64 (default)\n"
     "check: run every block translated AND interpreted,\n"
     "       stop at the first difference (exit status 3);\n"
     "       guest threads then run one at a time, in turns"},
    {"cpu", OPT_CPU, ALL_ENGINE | FOR_TUI, "CPU", false,
     "the extensions the guest sees (decoding, misa, the\n"
     "device tree, AT_HWCAP, riscv_hwprobe): max (default:\n"
     "RV64GC + Zba Zbb Zbc Zbs Zicond Zcb Zicbom Zicboz\n"
     "Zicbop Zihintpause Zihintntl Zimop Zcmop),\n"
     "rv64gc[_EXT...] (RV64GC plus those listed), or\n"
     "rv64,EXT=false,... (QEMU's form, also as -cpu); an\n"
     "instruction of an extension that is off is illegal"},
    {"no-chain", OPT_NO_CHAIN, ALL_ENGINE | FOR_TUI, NULL, false,
     "translator: do not chain blocks (every block returns\nto the dispatcher; no indirect-jump cache)"},
    {"no-regcache", OPT_NO_REGCACHE, ALL_ENGINE | FOR_TUI, NULL, false, "translator: keep guest registers in memory only"},
    {"no-inline-tlb", OPT_NO_INLINE_TLB, ALL_ENGINE | FOR_TUI, NULL, false, "translator: every load/store calls the slow path"},
    {"no-host-mmu", OPT_NO_HOST_MMU, FOR_RUN | FOR_TUI, NULL, false,
     "translator: check each load/store against the\nsoftware TLB instead of letting host page\n"
     "protections catch the faults"},
    {"no-fusion", OPT_NO_FUSION, ALL_ENGINE | FOR_TUI, NULL, false, "translator: do not fuse instruction pairs"},
    {"no-inline-fflags", OPT_NO_INLINE_FFLAGS, ALL_ENGINE | FOR_TUI, NULL, false,
     "translator: frflags/fsflags (CSR fflags) through the\ninterpreter, ending the block"},
    {"no-hoist-frm", OPT_NO_HOIST_FRM, ALL_ENGINE | FOR_TUI, NULL, false,
     "translator: check the dynamic rounding mode at every FP\ninstruction, not once per block entry"},
    {"no-fp-avx", OPT_NO_FP_AVX, ALL_ENGINE | FOR_TUI, NULL, false,
     "translator: double arithmetic in SSE two-operand form\n(by default AVX three-operand, if the host has it)"},
    {"no-fp-preload", OPT_NO_FP_PRELOAD, ALL_ENGINE | FOR_TUI, NULL, false,
     "translator: a loop reloads its FP registers from memory\nat every iteration (by default once, before it)"},
    {"no-fp-direct-mem", OPT_NO_FP_DIRECT_MEM, ALL_ENGINE | FOR_TUI, NULL, false,
     "translator: fld/fsd through a general register (by\ndefault straight to/from the FP cache's xmm register)"},
    {"no-inline-single", OPT_NO_INLINE_SINGLE, ALL_ENGINE | FOR_TUI, NULL, false,
     "translator: feq/flt/fle.s, fcvt.d.s, fcvt.s.d and\nfcvt between single and (signed) integers through\nthe interpreter"},
    {"no-inline-fma", OPT_NO_INLINE_FMA, ALL_ENGINE | FOR_TUI, NULL, false,
     "translator: fused multiply-add through the interpreter\n(by default inline on the host's FMA3 unit)"},
    {"no-cross-page", OPT_NO_CROSS_PAGE, FOR_SYSTEM, NULL, false,
     "translator, system mode: a direct jump to another page\nreturns to the dispatcher (by default it looks in the\n"
     "jump cache first, as an indirect jump does)"},
    {"no-tiering", OPT_NO_TIERING, ALL_ENGINE | FOR_TUI, NULL, false,
     "translator: translate every block the first time it\nruns (by default a block runs in the interpreter\n"
     "until it has been reached 8 times; --explain and\n--explain-hot turn tiering off)"},
    {"no-tlb-sets", OPT_NO_TLB_SETS, FOR_SYSTEM, NULL, false, "system mode: one soft TLB, emptied at every change of\nprivilege, satp, MPRV, SUM or MXR (by default one per\ncontext, 8 kept, QEMU's TLB per mmu index)"},
    {"no-mode-jump-caches", OPT_NO_MODE_JUMP_CACHES, FOR_SYSTEM, NULL, false, "translator, system mode: one jump cache, emptied at\nevery change of privilege (by default one per privilege)"},
    {"no-cold-stubs", OPT_NO_COLD_STUBS, ALL_ENGINE | FOR_TUI, NULL, false, "translator: each block's load/store slow paths, exit stubs and\nexit requests in full (by default short stubs into shared code)"},
    {"no-bounds-reuse", OPT_NO_BOUNDS_REUSE, FOR_RUN | FOR_TUI, NULL, false, "translator: bounds-check every load/store (host MMU; by default\nnot when an earlier access of the block checked its base)"},
    {"no-fp-writeback", OPT_NO_FP_WRITEBACK, ALL_ENGINE | FOR_TUI, NULL, false, "translator: store every FP result to memory at once\n(by default it stays in its xmm register until an exit)"},
    {"no-fp-lazy-nan", OPT_NO_FP_LAZY_NAN, ALL_ENGINE | FOR_TUI, NULL, false, "translator: make a NaN result canonical after every FP\noperation (by default only where its bits are seen)"},
    {"no-inline-minmax", OPT_NO_INLINE_MINMAX, ALL_ENGINE | FOR_TUI, NULL, false, "translator: fmin.d/fmax.d through the interpreter (by\ndefault inline, NaN operands to the interpreter)"},
    {"no-inline-bits", OPT_NO_INLINE_BITS, ALL_ENGINE | FOR_TUI, NULL, false, "translator: bset/bclr/binv/bext with a register or a bit\nabove 30, and orc.b, through the interpreter"},
    {"no-inline-amo", OPT_NO_INLINE_AMO, ALL_ENGINE | FOR_TUI, NULL, false, "translator: AMOs through the interpreter (by default\nhost atomic instructions; system mode: when the TLB allows\nthe store)"},
    {"no-sys-fp", OPT_NO_SYS_FP, FOR_SYSTEM, NULL, false, "translator, system mode: FP instructions through the\ninterpreter (by default inline while mstatus.FS is Dirty)"},
    {"code-cache", OPT_CODE_CACHE, ALL_ENGINE | FOR_TUI, "SIZE", false,
     "translator code cache size (e.g. 512K, 32M; default 32M,\nin system mode 512M per hart)"},
    {"explain", OPT_EXPLAIN, ALL_ENGINE, NULL, false,
     "print every translated block on stderr: guest\ninstructions, each with the x86-64 code it became"},
    {"explain-hot", OPT_EXPLAIN_HOT, ALL_ENGINE, "N", false,
     "at exit, print the N blocks that executed the most\nguest instructions, in the --explain view"},
    {"cfg", OPT_CFG, ALL_ENGINE, "FILE", false,
     "at exit, draw the 16 hottest blocks (--explain-hot N:\nthe N hottest) as a control-flow graph with their\n"
     "exits, chained or not, and counts: FILE.dot (Graphviz\ntext), or FILE.svg/.png/.pdf drawn with Graphviz's dot"},
    {"perf-map", OPT_PERF_MAP, ALL_ENGINE, NULL, false,
     "write /tmp/perf-PID.map so that Linux perf names\nsamples in translated code by guest pc (rv:ADDR)"},
    {"stats", OPT_STATS, ALL_ENGINE, NULL, false,
     "print engine statistics on stderr at exit (the\ntranslator then counts block executions and\n"
     "jump-cache probes in its code, for the hit rates)"},
    {"stats-chart", OPT_STATS_CHART, ALL_ENGINE, "DIR", false,
     "--stats, and at exit draw two bar charts with gnuplot:\n"
     "DIR/insn-mix.svg (guest instructions executed, by\nmnemonic) and DIR/hot-blocks.svg (by block), each\n"
     "with its .dat and .gp; needs a translating engine\n(it counts in translated code; no tiering)"},
    {"trace", OPT_TRACE, ALL_ENGINE, NULL, false,
     "log every instruction on stderr in Spike's commit-log\nformat (pc, bits, register and memory written);\n"
     "runs the interpreter, whatever --engine says"},
    {"trace-from", OPT_TRACE_FROM, ALL_ENGINE, "ADDR", false, "start the log the first time pc == ADDR (hex)"},
    {"trace-count", OPT_TRACE_COUNT, ALL_ENGINE, "N", false, "log at most N instructions"},
    {"trace-file", OPT_TRACE_FILE, ALL_ENGINE, "FILE", false, "write the log to FILE instead of stderr"},
    {"trace-disasm", OPT_TRACE_DISASM, ALL_ENGINE, NULL, false,
     "end each log line with the disassembly\n(each --trace-* option implies --trace)"},
    /* user mode */
    {"strace", OPT_STRACE, FOR_RUN, NULL, false, "print each guest system call on stderr, like strace"},
    {"L", OPT_SYSROOT, FOR_RUN | FOR_COMPARE | FOR_TUI, "DIR", true,
     "the riscv64 sysroot: the dynamic loader and every\nabsolute path the guest opens are looked up in DIR\n"
     "first (default: $RVDBT_SYSROOT)"},
    {"argv0", OPT_ARGV0, FOR_RUN | FOR_TUI, "NAME", false, "the guest's argv[0] (default: PROGRAM)"},
    {"g", OPT_GDB, ALL_ENGINE, "PORT", true,
     "let GDB attach on 127.0.0.1:PORT (gdb-multiarch:\ntarget remote :PORT); user mode waits for it before\n"
     "the first instruction, system mode stops where it is"},
    {"S", OPT_GDB_WAIT, ALL_ENGINE, NULL, true, "with -g: wait for GDB at the first instruction"},
    {"no-interp-blocks", OPT_NO_INTERP_BLOCKS, ALL_ENGINE | FOR_TUI, NULL, false, "interpreter: fetch and decode every instruction as it\nruns (by default straight-line blocks are decoded once\nand run from that copy while their bytes are unchanged)"},
    {"no-quiet-compare", OPT_NO_QUIET_COMPARE, ALL_ENGINE | FOR_TUI, NULL, false, "translator: frflags; feq/flt/fle.d; fsflags one by one (by\ndefault as one quiet comparison, without touching MXCSR)"},
    {"no-fp-loop-nan", OPT_NO_FP_LOOP_NAN, ALL_ENGINE | FOR_TUI, NULL, false, "translator: a self-loop's back edge makes every FP result\ncanonical (by default arithmetic results go round unchecked)"},
    {"no-base-bounds", OPT_NO_BASE_BOUNDS, FOR_RUN | FOR_TUI, NULL, false, "translator: bounds-check base + offset of a load/store\n(host MMU: lea, shr, jne; by default the base register\nalone, cmp + jae, the guard pages catch the offset)"},
    {"no-short-probe", OPT_NO_SHORT_PROBE, ALL_ENGINE | FOR_TUI, NULL, false, "translator: the jump-cache probe of an indirect jump\nindexes with a shift and an add (8 instructions; by\ndefault a scaled index: 6)"},
    {"no-forward-skip", OPT_NO_FORWARD_SKIP, ALL_ENGINE | FOR_TUI, NULL, false, "translator: a chained jump enters every block through\nits exit-request check (by default a jump to a block\nfurther on skips it; backward jumps do not)"},
    {"no-follow-jumps", OPT_NO_FOLLOW_JUMPS, ALL_ENGINE | FOR_TUI, NULL, false, "translator: a direct jump (j) ends its block (by default\na block goes on at the jump's target when it is on the\nsame page, so each copy of shared code gets its own exits)"},
    {"no-follow-branches", OPT_NO_FOLLOW_BRANCHES, ALL_ENGINE | FOR_TUI, NULL, false, "translator: a backward conditional branch ends its block\n(by default a block goes on at its target when it is on\nthe same page, the fall-through becoming a side exit)"},
    {"no-follow-calls", OPT_NO_FOLLOW_CALLS, ALL_ENGINE | FOR_TUI, NULL, false, "translator: a direct call (jal ra) ends its block (by\ndefault a block goes on in a nearby callee, the return\naddress set as a constant)"},
    {"no-low-jump-cache", OPT_NO_LOW_JUMP_CACHE, ALL_ENGINE | FOR_TUI, NULL, false, "translator: the jump cache anywhere in memory, its address\nloaded with a movabs at every indirect jump (by default it\nlies in the low 2 GiB: an absolute [rax*8 + cache])"},
    {"no-odd-target-miss", OPT_NO_ODD_TARGET_MISS, ALL_ENGINE | FOR_TUI, NULL, false, "translator: jalr clears bit 0 of its target (and rdx, -2)\nbefore the jump-cache probe (by default an odd target just\nmisses, and the miss path clears it)"},
    {"no-probe-in-place", OPT_NO_PROBE_IN_PLACE, ALL_ENGINE | FOR_TUI, NULL, false, "translator: a ret whose ra is in a cache register copies it\nto rdx before the jump-cache probe (by default the probe\nreads the register; only a miss copies it)"},
    {"no-alu-forms", OPT_NO_ALU_FORMS, ALL_ENGINE | FOR_TUI, NULL, false, "translator: slli by 1-3, sext.w, neg and andi 0xff as\nmov + op, srliw/sraiw with a movsxd after, bgtz/blez\n(x0 first) with a zero made in rax (by default lea,\nmovsxd, neg, movzx from the source; one fewer)"},
    {"no-pin-regs", OPT_NO_PIN_REGS, ALL_ENGINE | FOR_TUI, NULL, false, "translator: every block loads the guest registers it uses\nat its entry and writes back at its exits (by default a0,\na1, a5 and sp stay in host registers across blocks)"},
    /* compare */
    {"runs", OPT_RUNS, FOR_COMPARE, "N", false, "run each configuration N times, keep the fastest (default 1)"},
    {"chart", OPT_CHART, FOR_COMPARE, "FILE.svg", false,
     "also draw guest MIPS per configuration as a bar chart with\ngnuplot (FILE.png: a PNG image instead of SVG)"},
    /* tui */
    {"history", OPT_HISTORY, FOR_TUI, "N", false,
     "how many steps r can take back (default 10000)"},
    {"help", OPT_HELP, FOR_RUN | FOR_SYSTEM | FOR_COMPARE | FOR_TUI, NULL, false, "show this help (-h too)"},
    /* (newer options: appended here to keep merges simple) */
    {"no-sized-tables", OPT_NO_SIZED_TABLES, ALL_ENGINE | FOR_TUI, NULL, false,
     "translator: a fixed 64K-bucket block lookup table and\n(system mode) one list of page-crossing blocks (by\n"
     "default the tables grow with --code-cache)"},
    {"no-input-throttle", OPT_NO_INPUT_THROTTLE, FOR_SYSTEM, NULL, false,
     "system mode, one host thread: look for console input,\nand write out the console's output, at every return to\n"
     "the machine loop (by default at most once per 1 ms\ntick, and when wfi woke for it or goes to sleep)"},
    {"no-late-translate", OPT_NO_LATE_TRANSLATE, FOR_SYSTEM, NULL, false,
     "translator, system mode: translate a block the 8th time\nit is reached, as in user mode (by default the 24th:\n"
     "a kernel's boot runs much code a few dozen times)"},
    {"no-csr-in-block", OPT_NO_CSR_IN_BLOCK, FOR_SYSTEM, NULL, false,
     "translator, system mode: every CSR instruction ends its\nblock and returns to the dispatcher (by default those on\n"
     "sstatus, the trap CSRs and the counters run in the\nblock, which leaves only if one asks)"},
    {"no-huge-pages", OPT_NO_HUGE_PAGES, ALL_ENGINE | FOR_TUI, NULL, false,
     "translator (and system mode's RAM): every page when first\ntouched, 4 KiB at a time (by default the block records,\n"
     "system mode's block table and guest RAM ask the host for\ntransparent huge pages, and the code cache is backed\n"
     "64 KiB ahead of its code)"},
    {"no-inline-cbo-zero", OPT_NO_INLINE_CBO_ZERO, FOR_SYSTEM, NULL, false,
     "translator, system mode: cbo.zero through the interpreter\n(by default eight inline stores of zero when the TLB\n"
     "allows the store and menvcfg/senvcfg allow cbo.zero)"},
    {"no-big-decode-cache", OPT_NO_BIG_DECODE_CACHE, FOR_SYSTEM, NULL, false,
     "interpreter, system mode: a 4,096-entry decoded-\ninstruction cache per host thread, as in user mode\n"
     "(by default 32,768: a kernel's boot interprets much\ncode before it is translated)"},
    {"no-irq-csr-filter", OPT_NO_IRQ_CSR_FILTER, FOR_SYSTEM, NULL, false,
     "system mode: every write to sstatus, mstatus, sie or\nmie returns to the machine loop (by default only one\n"
     "that turns an interrupt enable on)"},
    {"no-pause-yield", OPT_NO_PAUSE_YIELD, FOR_SYSTEM, NULL, false,
     "system mode, parallel harts: pause does nothing (by\ndefault a hart that runs it, spinning on a lock, gives\n"
     "its host core away with sched_yield)"},
    {"no-peer-hot", OPT_NO_PEER_HOT, FOR_SYSTEM, NULL, false,
     "translator, parallel harts: interpret a block while it is\ncold on this hart even if another hart has translated it\n"
     "(by default a hart translates such a block at once)"},
    {"no-shared-heap", OPT_NO_SHARED_HEAP, FOR_SYSTEM, NULL, false,
     "system mode, parallel harts: each hart's thread mallocs\nfrom its own arena, grown a page at a time (by default\n"
     "one heap for all, grown 16 MiB at a time: fewer host\nmprotect calls and TLB shootdowns)"},
};
#define N_OPTIONS (sizeof table / sizeof table[0])

int options_usage_error(const char *command, const char *fmt, const char *arg)
{
    fprintf(stderr, "rvdbt: ");
    if (command && strcmp(command, "run") != 0) fprintf(stderr, "%s: ", command);
    fprintf(stderr, fmt, arg);
    if (command && strcmp(command, "run") != 0) fprintf(stderr, " (try 'rvdbt %s --help')\n", command);
    else fprintf(stderr, " (try 'rvdbt --help')\n");
    return EXIT_BAD_USAGE;
}

/* ---- suggestions -------------------------------------------------------------------- */

/* Levenshtein distance, capped: small strings only. */
static int edit_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 40 || lb > 40) return 99;
    int row[41];
    for (size_t j = 0; j <= lb; j++) row[j] = (int)j;
    for (size_t i = 1; i <= la; i++) {
        int diag = row[0];
        row[0] = (int)i;
        for (size_t j = 1; j <= lb; j++) {
            int up = row[j];
            int best = diag + (a[i - 1] != b[j - 1]);
            if (row[j] + 1 < best) best = row[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            row[j] = best;
            diag = up;
        }
    }
    return row[lb];
}

const char *options_suggest(enum option_scope scope, const char *name)
{
    while (*name == '-') name++;
    char bare[64];
    snprintf(bare, sizeof bare, "%s", name);
    char *eq = strchr(bare, '=');
    if (eq) *eq = 0;
    const char *best = NULL;
    int best_d = 3;
    for (size_t i = 0; i < N_OPTIONS; i++) {
        if (!(table[i].scope & scope) || strlen(table[i].name) < 2) continue;
        int d = edit_distance(bare, table[i].name);
        if (d < best_d) best_d = d, best = table[i].name;
    }
    return best;
}

/* ---- parsing ---------------------------------------------------------------------- */

void options_init(struct options_parser *p, enum option_scope scope, const char *command, int argc, char **argv)
{
    *p = (struct options_parser){.scope = scope, .command = command, .argc = argc, .argv = argv, .next = 0};
}

int options_next(struct options_parser *p, const char **value)
{
    /* getopt wants argv[0] to be the program: give it the element before our first */
    static struct option longs[N_OPTIONS + 1];
    static char shorts[2 * N_OPTIONS + 4];
    size_t n = 0, k = 0;
    shorts[k++] = '+'; /* stop at the first non-option: PROGRAM and its arguments are the guest's */
    shorts[k++] = ':'; /* a missing value is reported as ':', not '?' */
    shorts[k++] = 'h';
    for (size_t i = 0; i < N_OPTIONS; i++) {
        if (!(table[i].scope & p->scope)) continue;
        longs[n++] = (struct option){table[i].name, table[i].arg ? required_argument : no_argument, NULL,
                                     table[i].id};
        if (!table[i].name[1]) { /* a one-letter option also takes its value attached: -LDIR */
            shorts[k++] = table[i].name[0];
            if (table[i].arg) shorts[k++] = ':';
        }
    }
    shorts[k] = 0;
    longs[n] = (struct option){0};

    if (p->next >= p->argc) return OPT_END;
    /* getopt keeps its position in globals: restart it on our slice each time */
    char **av = p->argv - 1;
    optind = p->next + 1;
    opterr = 0;
    int argc = p->argc + 1;
    p->first = p->next;
    int longindex = -1;
    int c = getopt_long_only(argc, av, shorts, longs, &longindex);
    const char *arg = p->argv[p->first]; /* where this option began (its value may follow) */
    if (c == -1) {
        p->next = optind - 1; /* the first non-option ("--" is skipped by getopt) */
        return OPT_END;
    }
    p->next = optind - 1;
    *value = optarg;
    if (c == 'h') return OPT_HELP;
    /* getopt accepts any unambiguous abbreviation (--stat for --stats); rvdbt,
     * like QEMU, wants names in full, so that a typo is reported, not guessed */
    if (longindex >= 0 && arg[0] == '-') {
        const char *given = arg + (arg[1] == '-' ? 2 : 1);
        size_t len = strcspn(given, "=");
        if (len != strlen(longs[longindex].name)) c = '?';
    }
    if (c == ':') {
        options_usage_error(p->command, "%s needs a value", arg);
        return OPT_ERROR;
    }
    if (c == '?') {
        const char *hint = options_suggest(p->scope, arg);
        const struct option_def *d = NULL;
        for (size_t i = 0; hint && i < N_OPTIONS; i++)
            if (!strcmp(table[i].name, hint)) d = &table[i];
        char msg[200];
        if (d) snprintf(msg, sizeof msg, "unknown option '%%s' (did you mean '%s%s'?)", d->single_dash ? "-" : "--", hint);
        else snprintf(msg, sizeof msg, "unknown option '%%s'");
        options_usage_error(p->command, msg, arg);
        return OPT_ERROR;
    }
    for (size_t i = 0; i < N_OPTIONS; i++) /* a one-letter option given as such: its id */
        if (table[i].name[0] == c && !table[i].name[1] && (table[i].scope & p->scope)) return table[i].id;
    return c;
}

/* ---- the engine options ------------------------------------------------------------- */

void options_engine_defaults(struct engine_settings *s)
{
    *s = (struct engine_settings){
        .engine = {.kind = ENGINE_JIT,
                   .tx = {.chain = true, .regcache = true, .inline_tlb = true, .host_mmu = true, .fusion = true, .cross_page = true,
                          .inline_fflags = true, .inline_fma = true, .hoist_frm = true, .fp_avx = true, .fp_preload = true, .fp_direct_mem = true, .inline_single = true, .fp_writeback = true, .fp_lazy_nan = true, .sys_fp = true, .inline_minmax = true, .inline_bits = true, .inline_amo = true,
                          .tiering = true, .tlb_sets = true, .mode_jmp_caches = true,
                           .cold_stubs = true, .sized_tables = true, .huge_pages = true, .late_translate = true, .csr_in_block = true, .peer_hot = true, .inline_cbo_zero = true,
                           .bounds_reuse = true, .code_cache_size = 0 /* the command's default */,
                           .quiet_compare = true, .fp_loop_nan = true,
                           .base_bounds = true, .short_probe = true, .forward_skip = true, .follow_jumps = true, .follow_branches = true, .follow_calls = true, .alu_forms = true,
                           .low_jmp_cache = true, .odd_target_miss = true, .probe_in_place = true,
                           .pin_regs = 4}}};
}

/* Parses "65536", "64K", "32M", "1G" (64K to 1G). */
static bool parse_cache_size(const char *s, size_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s || *s == '-') return false;
    if (*end == 'K' || *end == 'k') v <<= 10, end++;
    else if (*end == 'M' || *end == 'm') v <<= 20, end++;
    else if (*end == 'G' || *end == 'g') v <<= 30, end++;
    if (*end || v < (64u << 10) || v > (1u << 30)) return false;
    *out = (size_t)v;
    return true;
}

/* An address for --trace-from: hex, with or without 0x. */
static bool parse_hex_addr(const char *s, uint64_t *out)
{
    char *end;
    if (!*s || *s == '-' || *s == '+') return false;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 16);
    if (*end || errno) return false;
    *out = v;
    return true;
}

bool options_apply_engine(struct engine_settings *s, int id, const char *v, const char *command, int *status)
{
    struct tx_options *tx = &s->engine.tx;
    *status = 0;
    switch (id) {
    case OPT_ENGINE:
        if (!engine_parse_kind(v, &s->engine.kind))
            *status = options_usage_error(command, "unknown engine '%s' (available: interp, jit, check)", v);
        return true;
    case OPT_CPU: {
        char err[200];
        if (!rv_ext_parse(v, err, sizeof err)) *status = options_usage_error(command, "--cpu: %s", err);
        return true;
    }
    case OPT_NO_CHAIN: tx->chain = false; return true;
    case OPT_NO_REGCACHE: tx->regcache = false; return true;
    case OPT_NO_INLINE_TLB: tx->inline_tlb = false; return true;
    case OPT_NO_HOST_MMU: tx->host_mmu = false; return true;
    case OPT_NO_FUSION: tx->fusion = false; return true;
    case OPT_NO_INLINE_FFLAGS: tx->inline_fflags = false; return true;
    case OPT_NO_INLINE_FMA: tx->inline_fma = false; return true;
    case OPT_NO_HOIST_FRM: tx->hoist_frm = false; return true;
    case OPT_NO_FP_AVX: tx->fp_avx = false; return true;
    case OPT_NO_FP_PRELOAD: tx->fp_preload = false; return true;
    case OPT_NO_FP_DIRECT_MEM: tx->fp_direct_mem = false; return true;
    case OPT_NO_INLINE_SINGLE: tx->inline_single = false; return true;
    case OPT_NO_CROSS_PAGE: tx->cross_page = false; return true;
    case OPT_NO_TIERING: tx->tiering = false; return true;
    case OPT_NO_TLB_SETS: tx->tlb_sets = false; return true;
    case OPT_NO_MODE_JUMP_CACHES: tx->mode_jmp_caches = false; return true;
    case OPT_NO_COLD_STUBS: tx->cold_stubs = false; return true;
    case OPT_NO_BOUNDS_REUSE: tx->bounds_reuse = false; return true;
    case OPT_NO_FP_WRITEBACK: tx->fp_writeback = false; return true;
    case OPT_NO_FP_LAZY_NAN: tx->fp_lazy_nan = false; return true;
    case OPT_NO_SYS_FP: tx->sys_fp = false; return true;
    case OPT_NO_INLINE_MINMAX: tx->inline_minmax = false; return true;
    case OPT_NO_INLINE_BITS: tx->inline_bits = false; return true;
    case OPT_NO_INLINE_AMO: tx->inline_amo = false; return true;
    case OPT_NO_INTERP_BLOCKS: s->engine.no_interp_blocks = true; return true;
    case OPT_NO_BIG_DECODE_CACHE: s->engine.small_decode_cache = true; return true;
    case OPT_NO_CSR_IN_BLOCK: tx->csr_in_block = false; return true;
    case OPT_NO_INLINE_CBO_ZERO: tx->inline_cbo_zero = false; return true;
    case OPT_NO_QUIET_COMPARE: tx->quiet_compare = false; return true;
    case OPT_NO_FP_LOOP_NAN: tx->fp_loop_nan = false; return true;
    case OPT_NO_SIZED_TABLES: tx->sized_tables = false; return true;
    case OPT_NO_HUGE_PAGES: tx->huge_pages = false; return true;
    case OPT_NO_LATE_TRANSLATE: tx->late_translate = false; return true;
    case OPT_NO_PEER_HOT: tx->peer_hot = false; return true;
    case OPT_NO_BASE_BOUNDS: tx->base_bounds = false; return true;
    case OPT_NO_SHORT_PROBE: tx->short_probe = false; return true;
    case OPT_NO_FORWARD_SKIP: tx->forward_skip = false; return true;
    case OPT_NO_FOLLOW_JUMPS: tx->follow_jumps = false; return true;
    case OPT_NO_FOLLOW_BRANCHES: tx->follow_branches = false; return true;
    case OPT_NO_FOLLOW_CALLS: tx->follow_calls = false; return true;
    case OPT_NO_ALU_FORMS: tx->alu_forms = false; return true;
    case OPT_NO_LOW_JUMP_CACHE: tx->low_jmp_cache = false; return true;
    case OPT_NO_ODD_TARGET_MISS: tx->odd_target_miss = false; return true;
    case OPT_NO_PROBE_IN_PLACE: tx->probe_in_place = false; return true;
    case OPT_NO_PIN_REGS: tx->pin_regs = 0; return true;
    case OPT_CODE_CACHE:
        if (!parse_cache_size(v, &tx->code_cache_size))
            *status = options_usage_error(command, "bad --code-cache size '%s' (use e.g. 256K, 32M; at least 64K, at most 1G)", v);
        return true;
    case OPT_EXPLAIN: tx->explain = stderr; return true;
    case OPT_EXPLAIN_HOT: {
        char *end;
        unsigned long n = strtoul(v, &end, 10);
        if (*end || !*v || *v == '-' || n < 1 || n > 100000)
            *status = options_usage_error(command, "bad --explain-hot count '%s' (a number of blocks, at least 1)", v);
        else tx->explain_hot = (unsigned)n;
        return true;
    }
    case OPT_CFG: s->engine.cfg_file = v; return true;
    case OPT_PERF_MAP: {
        char path[64];
        snprintf(path, sizeof path, "/tmp/perf-%d.map", (int)getpid());
        if (!tx->perf_map && !(tx->perf_map = fopen(path, "we")))
            *status = options_usage_error(command, "cannot write '%s'", path);
        return true;
    }
    case OPT_STATS: s->stats = tx->count = true; return true; /* counters in translated code too */
    case OPT_STATS_CHART: s->stats = tx->count = true, s->engine.stats_chart = v; return true;
    case OPT_TRACE: s->trace = true; return true;
    case OPT_TRACE_DISASM: s->trace = s->engine.trace.disasm = true; return true;
    case OPT_TRACE_FILE: s->trace = true, s->trace_file = v; return true;
    case OPT_TRACE_FROM:
        if (!parse_hex_addr(v, &s->engine.trace.from))
            *status = options_usage_error(command, "--trace-from: '%s' is not a hex address", v);
        s->trace = s->engine.trace.has_from = true;
        return true;
    case OPT_TRACE_COUNT: {
        char *end;
        errno = 0;
        s->engine.trace.count = strtoull(v, &end, 10);
        if (!*v || *end || errno || v[0] == '-' || !s->engine.trace.count)
            *status = options_usage_error(command, "--trace-count: '%s' is not a positive number", v);
        s->trace = true;
        return true;
    }
    case OPT_GDB:
        if (!parse_port(v, &s->gdb_port)) *status = options_usage_error(command, "-g: bad port '%s' (want 1-65535)", v);
        return true;
    case OPT_GDB_WAIT: s->gdb_wait = true; return true;
    default: return false;
    }
}

int options_finish_engine(struct engine_settings *s, const char *command)
{
    if (s->gdb_wait && !s->gdb_port) return options_usage_error(command, "%s needs -g PORT", "-S");
    if (s->trace) { /* the log comes from the interpreter */
        s->engine.kind = ENGINE_INTERP;
        s->engine.trace.out = stderr;
        if (s->trace_file && !(s->engine.trace.out = fopen(s->trace_file, "we"))) {
            fprintf(stderr, "rvdbt: --trace-file: cannot write '%s': %s\n", s->trace_file, strerror(errno));
            return EXIT_BAD_USAGE;
        }
    }
    if (s->engine.cfg_file) {
        /* --cfg counts like --explain-hot (its N, or 16 blocks), without its text */
        const char *dot = strrchr(s->engine.cfg_file, '.');
        if (!dot || (strcmp(dot, ".dot") && strcmp(dot, ".svg") && strcmp(dot, ".png") && strcmp(dot, ".pdf")))
            return options_usage_error(command, "--cfg: '%s' should end in .dot, .svg, .png or .pdf", s->engine.cfg_file);
        if (strcmp(dot, ".dot") && !engine_have_dot())
            return options_usage_error(command, "--cfg: drawing '%s' needs Graphviz's dot on PATH (or name a .dot file)",
                                       s->engine.cfg_file);
        if (s->engine.kind == ENGINE_INTERP)
            return options_usage_error(command, "%s needs a translating engine (jit or check): the interpreter has no blocks",
                                       "--cfg");
        if (!s->engine.tx.explain_hot) s->engine.tx.explain_hot = 16, s->engine.hot_text_off = true;
    }
    if (s->engine.stats_chart) {
        if (!*s->engine.stats_chart) return options_usage_error(command, "%s: the directory name is empty", "--stats-chart");
        if (!engine_have_program("gnuplot"))
            return options_usage_error(command, "%s: drawing the charts needs gnuplot on PATH (Debian: gnuplot-nox)",
                                       "--stats-chart");
        if (s->engine.kind == ENGINE_INTERP)
            return options_usage_error(command, "%s needs a translating engine (jit or check): the interpreter has no blocks",
                                       "--stats-chart");
        s->engine.tx.tiering = false; /* every block counted from its first run */
    }
    /* --explain shows every block the program runs, and --explain-hot exact
     * execution counts: both want every block translated from its first run. */
    if (s->engine.tx.explain || s->engine.tx.explain_hot) s->engine.tx.tiering = false;
    if (s->engine.tx.explain_hot && s->engine.kind == ENGINE_INTERP)
        return options_usage_error(command, "%s needs a translating engine (jit or check): the interpreter has no blocks",
                                   "--explain-hot");
    return 0;
}

/* ---- --help --------------------------------------------------------------------------- */

void options_print_help(FILE *out, enum option_scope scope)
{
    for (size_t i = 0; i < N_OPTIONS; i++) {
        const struct option_def *d = &table[i];
        if (!(d->scope & scope) || !d->help) continue;
        char head[200];
        const char *dash = d->single_dash ? "-" : "--";
        if (d->arg && d->single_dash) snprintf(head, sizeof head, "%s%s %s", dash, d->name, d->arg);
        else if (d->arg) snprintf(head, sizeof head, "%s%s=%s", dash, d->name, d->arg);
        else snprintf(head, sizeof head, "%s%s", dash, d->name);
        const char *line = d->help;
        bool first = true;
        while (*line) {
            const char *nl = strchr(line, '\n');
            int len = nl ? (int)(nl - line) : (int)strlen(line);
            if (first && strlen(head) < 24) fprintf(out, "  %-24s%.*s\n", head, len, line);
            else if (first) fprintf(out, "  %s\n  %-24s%.*s\n", head, "", len, line);
            else fprintf(out, "  %-24s%.*s\n", "", len, line);
            first = false;
            line = nl ? nl + 1 : line + len;
        }
    }
}
