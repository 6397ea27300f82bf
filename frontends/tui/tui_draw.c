/*
 * frontends/tui/tui_draw.c — the panes of `rvdbt tui`, drawn on one window.
 *
 *   +- registers -------+- guest code (disassembly around pc) ----------+
 *   |                   |                                                |
 *   +- memory / TLB ----+- x86-64 code of the current translated block --+
 *   |                   |                                                |
 *   +- console (what the guest printed) ---------------------------------+
 *   status line; keys
 *
 * Everything that changed since the previous stop is highlighted (yellow)
 * and, for a terminal without colours or a text capture, marked with '*'.
 * The host-code pane is the translator's own --explain view of the block
 * (translator/explain.c, capstone on the bytes in the code cache), with the
 * lines of the guest instruction at pc highlighted (host addresses cut to
 * their last six digits and the raw bytes left out, for width).  Frames are plain ASCII
 * so that a capture pastes anywhere.
 */
#include <curses.h>

#include "frontends/tui/curses_dyn.h"
#include "frontends/tui/tui_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/disasm.h"
#include "cpu/priv.h"
#include "frontends/gdb/gdb_local.h"
#include "mmu/mmu_system.h"
#include "mmu/sv39.h"

#define REGS_WIDTH 47
#define REGS_HEIGHT 19
#define HOT (COLOR_PAIR(1) | A_BOLD)

/* Text at (y, x), at most `width` columns, in `attr`. */
static void put(WINDOW *w, int y, int x, int width, attr_t attr, const char *text)
{
    if (width <= 0 || y < 0 || y >= getmaxy(w)) return;
    wmove(w, y, x);
    if (attr) wattr_on(w, attr, NULL);
    waddnstr(w, text, width);
    if (attr) wattr_off(w, attr, NULL);
}

static void frame(WINDOW *w, int y, int x, int h, int width, const char *title)
{
    if (h < 2 || width < 4) return;
    char line[1024];
    int n = width < (int)sizeof line - 1 ? width : (int)sizeof line - 1;
    memset(line, '-', (size_t)n);
    line[0] = line[n - 1] = '+';
    line[n] = 0;
    put(w, y, x, n, 0, line);
    put(w, y + h - 1, x, n, 0, line);
    for (int i = 1; i < h - 1; i++) {
        put(w, y + i, x, 1, 0, "|");
        put(w, y + i, x + width - 1, 1, 0, "|");
    }
    char head[256];
    snprintf(head, sizeof head, " %s ", title);
    put(w, y, x + 2, width - 4, COLOR_PAIR(2), head);
}

/* The instruction at addr: its length (0 if unreadable) and text. */
static int insn_at(struct tui *t, uint64_t addr, uint32_t *bits, char *text, size_t len)
{
    uint16_t half[2] = {0, 0};
    if (gdb_local_copy(t->dbg, addr, half, 2, false) != 2) return 0;
    int n = rv_insn_length(half[0]);
    if (n == 4 && gdb_local_copy(t->dbg, addr + 2, &half[1], 2, false) != 2) return 0;
    *bits = (uint32_t)half[1] << 16 | half[0];
    rv_disasm_bits(*bits, addr, text, len);
    return n;
}

void tui_follow_pc(struct tui *t, struct cpu *cpu, bool new_block)
{
    uint64_t pc = cpu->pc;
    bool inside = t->block_ok && pc > t->block_pc && pc < t->block_pc + t->block.guest_size;
    if (new_block || !inside) t->block_pc = pc;
    t->block_ok = t->tx && tx_show_block(t->tx, cpu, t->block_pc, &t->block, NULL);
}

static void draw_registers(struct tui *t, struct cpu *cpu, WINDOW *w, int y, int x)
{
    char s[64];
    frame(w, y, x, REGS_HEIGHT, REGS_WIDTH, "registers (* changed)");
    snprintf(s, sizeof s, "pc   %016llx%c", (unsigned long long)cpu->pc, cpu->pc != t->prev_pc ? '*' : ' ');
    put(w, y + 1, x + 1, 22, cpu->pc != t->prev_pc ? HOT : 0, s);
    if (cpu->system) snprintf(s, sizeof s, "priv %c  instret %llu", "USHM"[cpu->priv.mode & 3], (unsigned long long)cpu->instret);
    else snprintf(s, sizeof s, "instret %llu", (unsigned long long)cpu->instret);
    put(w, y + 1, x + 24, 22, 0, s);
    for (int i = 0; i < 32; i++) {
        bool changed = cpu->x[i] != t->prev_x[i];
        snprintf(s, sizeof s, "%-4s %016llx%c", rv_xreg_name((unsigned)i), (unsigned long long)cpu->x[i],
                 changed ? '*' : ' ');
        put(w, y + 2 + i % 16, x + 1 + (i / 16) * 23, 22, changed ? HOT : 0, s);
    }
}

/* Where the disassembly starts: the pc stays in view, after the start of its block when that fits. */
static void place_disassembly(struct tui *t, uint64_t pc, int rows)
{
    for (int i = 0; i < t->dis_lines && i < rows - 2; i++)
        if (t->dis_addr[i] == pc) return; /* in view, not at the bottom: keep the view still */
    t->dis_start = pc;
    if (t->block_ok && t->block_pc < pc) {
        uint64_t a = t->block_pc;
        uint32_t bits;
        char text[96];
        for (int i = 0; i < rows / 2 && a < pc; i++) {
            int n = insn_at(t, a, &bits, text, sizeof text);
            if (!n) break;
            a += (unsigned)n;
        }
        if (a == pc) t->dis_start = t->block_pc; /* (the block's start is close enough above) */
    }
}

static void draw_disassembly(struct tui *t, struct cpu *cpu, WINDOW *w, int y, int x, int h, int width)
{
    frame(w, y, x, h, width, "guest code  (> pc, * breakpoint, j/k cursor)");
    int rows = h - 2;
    if (rows > 64) rows = 64;
    place_disassembly(t, cpu->pc, rows);
    uint64_t a = t->dis_start;
    bool cursor_seen = false;
    t->dis_lines = 0;
    for (int i = 0; i < rows; i++) {
        uint32_t bits;
        char text[96], line[256];
        int n = insn_at(t, a, &bits, text, sizeof text);
        if (!n) break;
        t->dis_addr[t->dis_lines++] = a;
        cursor_seen |= a == t->cursor;
        bool bp = false;
        for (int k = 0; k < t->n_bp; k++) bp |= t->bp[k] == a;
        char raw[12];
        snprintf(raw, sizeof raw, n == 2 ? "%04x" : "%08x", n == 2 ? bits & 0xffff : bits);
        snprintf(line, sizeof line, "%c%c %10llx:  %-8s  %s", a == cpu->pc ? '>' : ' ', bp ? '*' : ' ',
                 (unsigned long long)a, raw, text);
        attr_t attr = a == cpu->pc ? HOT : bp ? COLOR_PAIR(3) : 0;
        put(w, y + 1 + i, x + 1, width - 2, attr, line);
        a += (unsigned)n;
    }
    if (!cursor_seen) t->cursor = cpu->pc;
    for (int i = 0; i < t->dis_lines; i++) /* the cursor: reverse video on its address */
        if (t->dis_addr[i] == t->cursor) {
            char addr[24];
            snprintf(addr, sizeof addr, "%10llx", (unsigned long long)t->cursor);
            put(w, y + 1 + i, x + 4, 10, A_REVERSE, addr);
        }
}

/* A host-instruction line of --explain ("        ADDRESS:  BYTES...  TEXT ; comment"),
 * narrowed for the pane: the address's last 6 digits, no bytes column. */
static void compact_host_line(const char *line, char *out, size_t size)
{
    const char *p = line + 8, *q = p;
    if (strncmp(line, "        ", 8) != 0) goto as_is;
    if (*p == ';') { /* a label */
        snprintf(out, size, "    %s", p);
        return;
    }
    while (isxdigit((unsigned char)*q)) q++;
    if (q - p < 6 || strncmp(q, ":  ", 3) != 0 || strlen(q + 3) <= 31) goto as_is;
    snprintf(out, size, "    %.6s:  %s", q - 6, q + 3 + 31);
    return;
as_is:
    snprintf(out, size, "%s", line);
}

/* The translator's --explain text of the block, the current instruction's lines highlighted. */
static void draw_host_code(struct tui *t, struct cpu *cpu, WINDOW *w, int y, int x, int h, int width)
{
    char *text = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&text, &size);
    struct tx_block_info info;
    bool ok = f && t->tx && tx_show_block(t->tx, cpu, t->block_pc, &info, f);
    if (f) fclose(f);
    char title[160];
    snprintf(title, sizeof title, "x86-64 code of the translated block at %llx (* this instruction)",
             (unsigned long long)t->block_pc);
    frame(w, y, x, h, width, title);
    if (!ok) {
        put(w, y + 1, x + 2, width - 4, 0, t->tx ? "(no block here: its first instruction cannot be fetched)"
                                                 : "(the program has ended: no translator any more)");
        free(text);
        return;
    }
    /* lines, and the range [hl, hl_end) of the current instruction: its
     * guest line ("  <hex pc>: ...") up to the next one */
    char *lines[1024];
    int n = 0, hl = -1, hl_end = -1;
    for (char *p = text, *nl; p && *p && n < 1024; p = nl ? nl + 1 : NULL) {
        nl = strchr(p, '\n');
        if (nl) *nl = 0;
        bool guest = p[0] == ' ' && p[1] == ' ' && isxdigit((unsigned char)p[2]);
        bool outline = !strncmp(p, "   out of line", 14);
        if (hl >= 0 && hl_end < 0 && (guest || outline)) hl_end = n;
        if (guest && strtoull(p + 2, NULL, 16) == cpu->pc) hl = n;
        lines[n++] = p;
    }
    if (hl >= 0 && hl_end < 0) hl_end = n;
    int rows = h - 2, first = 0;
    if (hl >= 0 && n > rows) { /* show the highlighted lines, with some of what leads to them */
        first = hl - 3 < 0 ? 0 : hl - 3;
        if (hl_end - first > rows) first = hl;
        if (first > n - rows) first = n - rows;
    }
    for (int i = 0; i < rows && first + i < n; i++) {
        int k = first + i;
        bool on = k >= hl && k < hl_end;
        char line[1100], narrow[1024];
        compact_host_line(lines[k], narrow, sizeof narrow);
        snprintf(line, sizeof line, "%c%s", on ? '*' : ' ', narrow);
        put(w, y + 1 + i, x + 1, width - 2, on ? HOT : 0, line);
    }
    free(text);
}

static void draw_memory(struct tui *t, struct cpu *cpu, WINDOW *w, int y, int x, int h)
{
    (void)cpu;
    int rows = h - 2;
    uint64_t st = t->store_addr, se = t->store_addr + t->store_size;
    if (t->store_size && (st < t->mem_addr || se > t->mem_addr + 8ull * (unsigned)rows))
        t->mem_addr = (st & ~7ull) >= 16 ? (st & ~7ull) - 16 : 0; /* follow the last store */
    frame(w, y, x, h, REGS_WIDTH, "memory (* last store; m: go to)");
    for (int i = 0; i < rows; i++) {
        uint64_t a = t->mem_addr + 8ull * (unsigned)i;
        uint8_t b[8];
        size_t got = gdb_local_copy(t->dbg, a, b, 8, false);
        char line[80];
        int len = snprintf(line, sizeof line, "%09llx ", (unsigned long long)a);
        put(w, y + 1 + i, x + 1, len, 0, line);
        for (int k = 0; k < 8; k++) {
            bool hot = t->store_size && a + (unsigned)k >= st && a + (unsigned)k < se;
            char cell[8];
            if ((size_t)k < got) snprintf(cell, sizeof cell, "%02x%c", b[k], hot ? '*' : ' ');
            else snprintf(cell, sizeof cell, "-- ");
            put(w, y + 1 + i, x + 1 + len + 3 * k, 3, hot ? HOT : 0, cell);
        }
        for (int k = 0; k < 8; k++) line[k] = (size_t)k < got && isprint(b[k]) ? (char)b[k] : '.';
        line[8] = 0;
        put(w, y + 1 + i, x + 1 + len + 24, 8, 0, line);
    }
}

static const char *prot_text(int p, char *buf)
{
    buf[0] = p & MMU_READ ? 'r' : '-', buf[1] = p & MMU_WRITE ? 'w' : '-', buf[2] = p & MMU_EXEC ? 'x' : '-';
    buf[3] = 0;
    return buf;
}

/* The software TLB: which guest pages have a fast path, for which access. */
static void draw_tlb(struct tui *t, struct cpu *cpu, WINDOW *w, int y, int x, int h)
{
    (void)t;
    frame(w, y, x, h, REGS_WIDTH, "software TLB (t: memory)");
    struct mmu *m = cpu->mmu;
    int filled = 0, row = 0, rows = h - 2;
    for (int i = 0; i < MMU_TLB_SIZE; i++)
        filled += m->tlb[i].tag_read != MMU_NO_TAG || m->tlb[i].tag_write != MMU_NO_TAG || m->tlb[i].tag_exec != MMU_NO_TAG;
    char line[96], p[4];
    snprintf(line, sizeof line, "%d entries, slot = page %% %d; %d filled", MMU_TLB_SIZE, MMU_TLB_SIZE, filled);
    put(w, y + 1 + row++, x + 1, REGS_WIDTH - 2, 0, line);
    snprintf(line, sizeof line, "pc page %09llx %s  sp page %09llx %s", (unsigned long long)(cpu->pc & ~MMU_PAGE_MASK),
             prot_text(mmu_page_prot(m, cpu->pc), p), (unsigned long long)(cpu->x[2] & ~MMU_PAGE_MASK),
             prot_text(mmu_page_prot(m, cpu->x[2]), (char[4]){0}));
    put(w, y + 1 + row++, x + 1, REGS_WIDTH - 2, 0, line);
    put(w, y + 1 + row++, x + 1, REGS_WIDTH - 2, 0, "slot  guest page  fast path for");
    for (int i = 0; i < MMU_TLB_SIZE && row < rows; i++) {
        const struct tlb_entry *e = &m->tlb[i];
        uint64_t page = e->tag_read != MMU_NO_TAG ? e->tag_read : e->tag_write != MMU_NO_TAG ? e->tag_write : e->tag_exec;
        if (page == MMU_NO_TAG) continue;
        snprintf(line, sizeof line, "%4d  %09llx   %s %s %s", i, (unsigned long long)page,
                 e->tag_read != MMU_NO_TAG ? "read" : "    ", e->tag_write != MMU_NO_TAG ? "write" : "     ",
                 e->tag_exec != MMU_NO_TAG ? "exec" : "");
        put(w, y + 1 + row++, x + 1, REGS_WIDTH - 2, 0, line);
    }
}

/* System mode: the Sv39 walk of pc, level by level, as the hardware would do
 * it for a fetch (read with the debugger's physical access: no A/D update). */
static void draw_sv39(struct cpu *cpu, WINDOW *w, int y, int x, int h)
{
    frame(w, y, x, h, REGS_WIDTH, "Sv39 walk of pc (t: memory)");
    uint64_t satp = cpu->priv.satp, va = cpu->pc;
    int row = 0, width = REGS_WIDTH - 2;
    char line[128];
#define LINE(...) (snprintf(line, sizeof line, __VA_ARGS__), put(w, y + 1 + row++, x + 1, width, 0, line))
    LINE("satp %016llx  priv %c", (unsigned long long)satp, "USHM"[cpu->priv.mode & 3]);
    LINE("va   %016llx", (unsigned long long)va);
    if (satp >> SATP_MODE_SHIFT != SATP_MODE_SV39 || cpu->priv.mode == RV_PRIV_M) {
        LINE("%s: no translation, pa = va", cpu->priv.mode == RV_PRIV_M ? "M-mode" : "satp mode Bare");
        return;
    }
    uint64_t table = (satp & SATP_PPN_MASK) << 12;
    for (int level = 2; level >= 0 && row + 3 < h - 2; level--) {
        uint64_t vpn = (va >> (12 + 9 * level)) & 0x1ff, at = table + vpn * 8, pte;
        LINE("level %d: vpn[%d] = %03llx, PTE at pa %llx", level, level, (unsigned long long)vpn, (unsigned long long)at);
        if (mmu_sys_debug_copy(cpu->mmu, at, &pte, 8, false) != MMU_OK) {
            LINE("  not in memory: access fault");
            return;
        }
        LINE("  PTE %016llx %c%c%c%c%c%c%c%c", (unsigned long long)pte, pte & PTE_D ? 'D' : '-', pte & PTE_A ? 'A' : '-',
             pte & PTE_G ? 'G' : '-', pte & PTE_U ? 'U' : '-', pte & PTE_X ? 'X' : '-', pte & PTE_W ? 'W' : '-',
             pte & PTE_R ? 'R' : '-', pte & PTE_V ? 'V' : '-');
        uint64_t next = ((pte >> 10) & SATP_PPN_MASK) << 12;
        if (!(pte & PTE_V)) {
            LINE("  not valid: page fault");
            return;
        }
        if (pte & (PTE_R | PTE_X)) { /* a leaf: a 1 GiB, 2 MiB or 4 KiB page */
            uint64_t offset_mask = (1ull << (12 + 9 * level)) - 1;
            LINE("  leaf (%s page): pa %llx", level == 2 ? "1 GiB" : level == 1 ? "2 MiB" : "4 KiB",
                 (unsigned long long)((next & ~offset_mask) | (va & offset_mask)));
            return;
        }
        table = next;
    }
#undef LINE
}

static void draw_console(struct tui *t, WINDOW *w, int y, int h, int width)
{
    frame(w, y, 0, h, width, "console (the guest's stdout and stderr)");
    int rows = h - 2;
    char buf[TUI_CONSOLE_SIZE + 1];
    pthread_mutex_lock(&t->lock);
    size_t len = t->console_len;
    memcpy(buf, t->console, len);
    pthread_mutex_unlock(&t->lock);
    buf[len] = 0;
    if (len && buf[len - 1] == '\n') buf[--len] = 0; /* (no empty last line) */
    /* the last `rows` lines */
    size_t start = len;
    for (int n = 0; start > 0; start--)
        if (buf[start - 1] == '\n' && ++n == rows) break;
    int row = 0;
    for (char *p = buf + start, *nl; p && row < rows; p = nl ? nl + 1 : NULL, row++) {
        nl = strchr(p, '\n');
        if (nl) *nl = 0;
        char line[512];
        size_t k = 0;
        for (; *p && k + 1 < sizeof line; p++)
            if (*p != '\r') line[k++] = isprint((unsigned char)*p) ? *p : *p == '\t' ? ' ' : '.';
        line[k] = 0;
        put(w, y + 1 + row, 1, width - 2, 0, line);
    }
}

void tui_draw(struct tui *t, struct cpu *cpu)
{
    WINDOW *w = t->win;
    int H = getmaxy(w), W = getmaxx(w);
    werase(w);
    char line[512];
    char hist[64] = "off";
    if (!t->no_back) snprintf(hist, sizeof hist, "%u of %u steps", t->hist.count, t->hist.cap);
    snprintf(line, sizeof line, " rvdbt tui  %s   engine: %s   history: %s   breakpoints: %d", t->opt.program,
             t->use_jit ? "jit" : "interp", hist, t->n_bp);
    put(w, 0, 0, W, A_BOLD, line);
    int console_h = H / 5 < 5 ? 5 : H / 5;
    int top_h = H - 3 - console_h; /* rows 1 .. 1+top_h */
    int right = W - REGS_WIDTH;
    int upper = top_h < REGS_HEIGHT ? top_h : REGS_HEIGHT;
    draw_registers(t, cpu, w, 1, 0);
    draw_disassembly(t, cpu, w, 1, REGS_WIDTH, upper, right);
    if (t->show_tlb && cpu->system) draw_sv39(cpu, w, 1 + upper, 0, top_h - upper);
    else if (t->show_tlb) draw_tlb(t, cpu, w, 1 + upper, 0, top_h - upper);
    else draw_memory(t, cpu, w, 1 + upper, 0, top_h - upper);
    draw_host_code(t, cpu, w, 1 + upper, REGS_WIDTH, top_h - upper, right);
    draw_console(t, w, 1 + top_h, console_h, W);
    put(w, H - 2, 0, W, HOT, t->status);
    put(w, H - 1, 0, W, A_REVERSE,
        " s step  n block  c continue  B breakpoint  e engine  t TLB  m memory  r step back  j/k cursor  q quit ");
    wnoutrefresh(w);
    doupdate();
}
