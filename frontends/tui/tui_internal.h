/*
 * frontends/tui/tui_internal.h — the TUI's state, shared by its parts (see tui.h).
 */
#ifndef RVDBT_FRONTENDS_TUI_INTERNAL_H
#define RVDBT_FRONTENDS_TUI_INTERNAL_H

#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <termios.h>

#include "frontends/tui/tui.h"
#include "mmu/mmu.h"
#include "translator/translator.h"

#define TUI_MAX_BREAKPOINTS 32
#define TUI_CONSOLE_SIZE 16384 /* the console pane keeps the last this many bytes */
#define TUI_STORES_PER_STEP 16  /* stores one instruction may make and still be undone */

/* One recorded step: the state before the instruction ran, and the old
 * contents of what it stored (the MMU's store log, cpu-independent). */
struct tui_step {
    uint64_t x[32], f[32], pc, instret;
    uint32_t fflags, frm;
    uint8_t n_stores;
    bool syscall;       /* it was an ecall: what the system call did stays done */
    struct tui_store { uint64_t addr, old; unsigned size; } stores[TUI_STORES_PER_STEP];
};

/* A ring of the last `cap` steps (tui_history.c). */
struct tui_history {
    struct tui_step *ring;
    unsigned cap, start, count;
};

enum tui_mode {
    TUI_STOPPED,   /* waiting for a key */
    TUI_STEP,      /* one instruction */
    TUI_BLOCK,     /* one translated block */
    TUI_CONTINUE,  /* to a breakpoint (or a key) */
    TUI_QUIT,
};

struct tui {
    struct tui_options opt;
    /* the terminal (tui_term.c) */
    FILE *tty_in, *tty_out;
    void *screen;              /* SCREEN * */
    void *win;                 /* WINDOW *: the whole screen, the panes drawn on it */
    int tty_fd;                /* our own descriptor on the terminal */
    int real_stdout, real_stderr; /* the terminal, for the end */
    struct termios saved_termios;
    bool ended;
    /* the guest's console: a pty, drained by the I/O thread */
    int pty_master;
    pthread_t io_thread;
    bool io_started;
    int wake[2];
    pthread_mutex_t lock;
    char console[TUI_CONSOLE_SIZE];
    size_t console_len;        /* bytes in console (the latest at the end) */
    unsigned console_gen;      /* bumped on every new byte: redraw */
    /* While the guest runs freely: a key stops it (the I/O thread sets these). */
    volatile int watching;
    volatile int key_hit;
    struct cpu *watch_cpu;

    /* run control (tui_run.c) */
    enum tui_mode mode;
    bool use_jit;
    bool cont_fresh;           /* a continue just asked for: step over a breakpoint at pc first */
    bool after_trap;           /* the frontend is handling a trap of ours */
    struct gdb_stub *dbg;      /* breakpoints, single step, memory: the GDB stub's */
    struct translator *tx;
    struct engine *jit;
    uint64_t bp[TUI_MAX_BREAKPOINTS];
    int n_bp;
    uint64_t block_start, block_end; /* interpreter block step: the block being run */
    unsigned block_left;
    struct mmu_store_log log;  /* attached while the guest has one thread (not during jit runs) */
    const char *no_back;       /* why there is no stepping back (threads, system mode), or NULL */
    struct tui_history hist;

    /* what the panes show (tui_draw.c) */
    uint64_t block_pc;         /* the translated block the pc is in */
    struct tx_block_info block;
    bool block_ok;
    uint64_t dis_start, cursor;
    uint64_t dis_addr[64];     /* the addresses the disassembly pane shows, top down */
    int dis_lines;
    uint64_t mem_addr;
    uint64_t store_addr;       /* what the last step stored (size 0: nothing), highlighted */
    unsigned store_size;
    bool show_tlb;
    uint64_t prev_x[32];       /* registers at the previous stop: changes are highlighted */
    uint64_t prev_pc;
    struct cpu *cpu;
    char status[256];
};

/* tui_term.c */
bool tui_term_open(struct tui *t);
void tui_term_close(struct tui *t);
/* While the guest runs freely, a key raises cpu->exit_request. */
void tui_watch_keys(struct tui *t, struct cpu *cpu, bool on);
/* The next key (ERR after 100 ms without one: time to redraw the console). */
int tui_get_key(struct tui *t);
/* A line typed in the status line after `prompt`; false if Esc. */
bool tui_prompt(struct tui *t, const char *prompt, char *buf, size_t len);

/* tui_history.c */
bool tui_history_init(struct tui_history *h, unsigned cap);
void tui_history_free(struct tui_history *h);
void tui_history_clear(struct tui_history *h);
/* Records the state before the instruction at cpu->pc runs; the stores
 * come after it ran (tui_history_stores). */
void tui_history_push(struct tui_history *h, const struct cpu *cpu);
void tui_history_stores(struct tui_history *h, const struct mmu_store_log *log, bool syscall);
/* Undoes the last recorded step; false if there is none. *syscall: it was one. */
bool tui_history_pop(struct tui *t, struct cpu *cpu, bool *syscall);

/* tui_draw.c */
void tui_draw(struct tui *t, struct cpu *cpu);
/* After the pc moved: which block it is in now (for the host-code pane). */
void tui_follow_pc(struct tui *t, struct cpu *cpu, bool new_block);

#endif
