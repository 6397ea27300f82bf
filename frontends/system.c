/*
 * frontends/system.c — `rvdbt system`: options, and the machine's run loop.
 *
 * The loop, one iteration per return from the engine:
 *   1. host input -> UART FIFO; device state -> mip (machine_update_interrupts);
 *   2. act on power-off, reboot, HTIF exit, Ctrl-A X;
 *   3. take the highest-priority enabled interrupt, or, if the hart is in
 *      wfi with nothing pending, sleep on the host until the next timer
 *      deadline or console input (a wfi that nothing could ever wake is
 *      reported as a wedged guest);
 *   4. run the engine until it stops: a trap (delivered with
 *      cpu_take_trap), or an exit request.  Exit requests come from a 1 ms
 *      host interval timer (so time-based interrupts are seen even inside
 *      a chained loop of translated code), from device writes, and from
 *      CSR writes, mret/sret and wfi, which may all change what is pending.
 */
#include "frontends/system.h"

#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "cpu/interp.h"
#include "cpu/priv.h"
#include "frontends/console.h"
#include "frontends/display.h"
#include "frontends/engine.h"
#include "frontends/gdbstub.h"
#include "frontends/machine.h"
#include "frontends/screenshot.h"
#include "frontends/virtio_options.h"

#define DEFAULT_BIOS "/usr/lib/riscv64-linux-gnu/opensbi/generic/fw_dynamic.bin"
#define EXIT_BAD_USAGE 2
#define EXIT_CANNOT_START 1
#define EXIT_DIVERGED 3
#define EXIT_WEDGED 4
#define TRAP_LOOP_LIMIT 3 /* consecutive exceptions raised by the trap vector's own first instruction */

const char system_usage_text[] =
    "Options for system (a virt-compatible machine, like qemu-system-riscv64 -M virt):\n"
    "  -bios FILE|none         firmware loaded at 0x80000000 (default: Debian's OpenSBI\n"
    "                          " DEFAULT_BIOS ");\n"
    "                          none: the kernel runs directly in M-mode\n"
    "  -kernel FILE            an ELF (bare-metal program, loaded at its physical\n"
    "                          addresses) or a flat Linux Image (at 0x80200000)\n"
    "  -initrd FILE            initial RAM disk, passed in the device tree\n"
    "  -append CMDLINE         kernel command line (/chosen/bootargs)\n"
    "  -m SIZE                 RAM size (e.g. 256M, 1G; default 256M, at least 8M)\n"
    "  -fb WxH                 framebuffer size (default 640x480, XRGB8888 at 0x28000000)\n"
    "  -display sdl|none       sdl: show the framebuffer in a window, keys typed there go\n"
    "                          to the key device and the UART (default when DISPLAY is set);\n"
    "                          none: no window (-nographic also means none)\n"
    "  --screenshot FILE.png   write the framebuffer to FILE.png when the run ends\n"
    "                          (in the window, F12 writes rvdbt-screenshot-N.png)\n"
    "  --run-for SECONDS       end the run (status 0) after that many seconds\n"
    "Virtio devices (virtio-mmio at 0x10001000-0x10008fff, PLIC sources 1-8; the first\n"
    "device given takes 0x10008000, as on QEMU):\n"
    "  -drive file=IMG[,format=raw][,if=virtio|none][,id=ID][,readonly=on]\n"
    "                          a raw disk image as virtio-blk (/dev/vda); if=none: only\n"
    "                          for -device virtio-blk-device,drive=ID\n"
    "  -snapshot               disk writes stay in memory; the image is not changed\n"
    "  -device virtio-blk-device,drive=ID | virtio-rng-device |\n"
    "          virtio-net-device,netdev=ID[,mac=52:54:00:12:34:56]\n"
    "  -netdev user,id=ID[,hostfwd=[tcp|udp]:[HOSTADDR]:HOSTPORT-[GUESTADDR]:GUESTPORT]\n"
    "                          user-mode network (libslirp): guest 10.0.2.15 by DHCP,\n"
    "                          gateway 10.0.2.2 = the host's 127.0.0.1, DNS 10.0.2.3\n"
    "  -nic user[,hostfwd=...] the same with its virtio-net-device\n"
    "  -M virt, -smp 1         accepted for QEMU compatibility\n"
    "  --engine=ENGINE, --stats, --explain, --no-chain, --no-regcache,\n"
    "  --no-inline-tlb, --no-fusion   as for run\n"
    "  -g PORT                 let GDB attach on 127.0.0.1:PORT (gdb-multiarch:\n"
    "                          target remote :PORT); the machine stops where it is\n"
    "  -S                      with -g: wait for GDB at the reset vector\n"
    "The console is the 16550 UART on stdin/stdout; on a terminal, Ctrl-A X quits\n"
    "and Ctrl-A C prints statistics.  Exit status: the guest's power-off status\n"
    "(SiFive test device or HTIF), 1 if the machine cannot start, 2 for a bad\n"
    "command line, 3 if --engine=check finds a difference, 4 if the guest wedges.\n";

static int usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "rvdbt: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, " (try 'rvdbt --help')\n");
    return EXIT_BAD_USAGE;
}

/* "256M", "1G", "65536K"; a bare number means MiB, as in QEMU. */
static bool parse_ram_size(const char *s, uint64_t *out)
{
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (end == s) return false;
    if (*end == 'K' || *end == 'k') v <<= 10, end++;
    else if (*end == 'G' || *end == 'g') v <<= 30, end++;
    else if (*end == 'M' || *end == 'm' || *end == 0) v <<= 20, end += *end != 0;
    if (*end) return false;
    *out = v;
    return true;
}

static double now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- the run loop --------------------------------------------------------- */

static volatile uint8_t *tick_target;
static void on_tick(int sig)
{
    (void)sig;
    *tick_target = 1;
}

static void start_ticks(struct cpu *cpu)
{
    tick_target = &cpu->exit_request;
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_tick;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {{0, 1000}, {0, 1000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

static void stop_ticks(void)
{
    struct itimerval it = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &it, NULL);
}

struct run_state {
    struct machine *m;
    struct engine *engine;
    bool stats;
    double start;
    bool quit;
    struct gdb_stub *gdb; /* NULL without -g */
    struct display *display; /* NULL: no window */
    double run_for;          /* 0: no time limit */
};

static void print_stats(struct run_state *s)
{
    console_flush();
    engine_print_stats(s->engine, &s->m->cpu, now_seconds() - s->start, stderr);
}

/* Moves console input into the UART's FIFO, as much as fits. */
static void pump_input(struct run_state *s)
{
    struct uart *u = &s->m->uart;
    if (!dev_uart_rx_room(u) || !console_wait(0)) return;
    uint8_t buf[UART_FIFO];
    enum console_event ev;
    unsigned n = console_read(buf, dev_uart_rx_room(u), &ev);
    for (unsigned i = 0; i < n; i++) dev_uart_receive(u, buf[i]);
    if (ev == CONSOLE_QUIT) s->quit = true;
    if (ev == CONSOLE_STATS) print_stats(s);
}

/* The hart sleeps in wfi: wait on the host for the next timer deadline or input. */
static void sleep_in_wfi(struct run_state *s)
{
    uint64_t deadline = machine_next_deadline(s->m), now = cpu_time_ticks();
    int ms = 10; /* re-check at least this often */
    if (deadline <= now) ms = 0;
    else if (deadline - now < 10 * 10000ull) ms = (int)((deadline - now + 9999) / 10000);
    if (machine_has_host_input(s->m)) /* network traffic wakes the guest too */
        (void)machine_wait(s->m, ms, dev_uart_rx_room(&s->m->uart) && console_input_open() ? STDIN_FILENO : -1);
    else if (dev_uart_rx_room(&s->m->uart)) console_wait(ms);
    else if (ms) poll(NULL, 0, ms);
}

static int wedged(const char *what, const struct cpu *cpu)
{
    console_flush();
    fprintf(stderr, "rvdbt: guest wedged: %s (pc 0x%llx, mode %c, mstatus 0x%llx, mie 0x%llx, mip 0x%llx)\n", what,
            (unsigned long long)cpu->pc, "USHM"[cpu->priv.mode], (unsigned long long)cpu->priv.mstatus,
            (unsigned long long)cpu->priv.mie, (unsigned long long)cpu_mip(cpu));
    return EXIT_WEDGED;
}

static int run(struct run_state *s)
{
    struct machine *m = s->m;
    struct cpu *cpu = &m->cpu;
    int trap_repeats = 0;
    for (;;) {
        pump_input(s);
        if (s->display && !display_poll(s->display, m)) return 0; /* the window was closed */
        machine_poll_devices(m);
        machine_update_interrupts(m);
        console_flush();
        if (s->quit) return 0;
        if (s->run_for > 0 && now_seconds() - s->start >= s->run_for) return 0;
        if (m->htif_exit) return m->htif_status;
        if (m->test.event == SIFIVE_TEST_POWEROFF) return m->test.exit_status;
        if (m->test.event == SIFIVE_TEST_REBOOT) {
            char err[300];
            if (!machine_reset(m, err, sizeof err)) {
                fprintf(stderr, "rvdbt: reboot failed: %s\n", err);
                return EXIT_CANNOT_START;
            }
            continue;
        }
        int irq = cpu_pending_interrupt(cpu);
        if (irq >= 0) {
            cpu_take_interrupt(cpu, irq);
        } else if (cpu->priv.wfi) {
            /* wfi ends when an interrupt is pending in mie, even if globally disabled */
            if (cpu_mip(cpu) & cpu->priv.mie) {
                cpu->priv.wfi = false;
            } else {
                /* (with --run-for the time limit ends the wait) */
                if (!machine_can_wake(m, console_input_open() || s->display) && !(s->run_for > 0))
                    return wedged("wfi with no enabled interrupt that could ever become pending", cpu);
                if (s->gdb) gdb_stub_idle(s->gdb, cpu); /* Ctrl-C while the hart sleeps */
                sleep_in_wfi(s);
                continue;
            }
        }
        cpu->exit_request = 0;
        enum engine_stop r = s->gdb ? gdb_stub_run(s->gdb, s->engine, cpu) : engine_run(s->engine, cpu);
        if (r == ENGINE_DIVERGED) return EXIT_DIVERGED;
        if (r != ENGINE_TRAP) continue;
        uint64_t epc = cpu->pc, cause = cpu->trap_cause;
        cpu_take_trap(cpu);
        /* The handler's first instruction trapped: its own state is lost, it can never make progress. */
        if (cpu->pc == epc && ++trap_repeats >= TRAP_LOOP_LIMIT) {
            char what[160];
            snprintf(what, sizeof what, "trap loop: the trap vector at 0x%llx itself raises exception %llu",
                     (unsigned long long)epc, (unsigned long long)cause);
            return wedged(what, cpu);
        }
        if (cpu->pc != epc) trap_repeats = 0;
    }
}

/* ---- options --------------------------------------------------------------- */

static const char *value_of(int argc, char **argv, int *i)
{
    if (*i + 1 >= argc) return NULL;
    return argv[++*i];
}

int system_main(int argc, char **argv)
{
    struct machine_options mo = {.bios = DEFAULT_BIOS, .ram_size = 256ull << 20};
    struct engine_options eo = {.kind = ENGINE_JIT,
                                .tx = {.chain = true, .regcache = true, .inline_tlb = true, .fusion = true,
                                       .code_cache_size = TX_DEFAULT_CODE_CACHE}};
    bool stats = false;
    int gdb_port = 0;
    bool stop_at_start = false;
    const char *screenshot = NULL, *fb_size = NULL;
    double run_for = 0;
    enum display_kind display = getenv("DISPLAY") && *getenv("DISPLAY") ? DISPLAY_SDL : DISPLAY_NONE;
    static struct virtio_options vo; /* (static: large) */
    char err[400];
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i], *v = NULL;
        if (virtio_option_takes_value(a) || !strcmp(a, "-snapshot")) {
            if (strcmp(a, "-snapshot") && !(v = value_of(argc, argv, &i))) return usage_error("%s needs a value", a);
            if (!virtio_option_parse(&vo, a, v, err, sizeof err)) return usage_error("%s", err);
            continue;
        }
        bool takes_value = !strcmp(a, "-bios") || !strcmp(a, "-kernel") || !strcmp(a, "-initrd") ||
                           !strcmp(a, "-append") || !strcmp(a, "-m") || !strcmp(a, "-M") || !strcmp(a, "-machine") ||
                           !strcmp(a, "-smp") || !strcmp(a, "-fb") || !strcmp(a, "-display") ||
                           !strcmp(a, "--screenshot") || !strcmp(a, "--run-for") || !strcmp(a, "-g");
        if (takes_value && !(v = value_of(argc, argv, &i))) return usage_error("%s needs a value", a);
        if (!strcmp(a, "-bios")) mo.bios = v;
        else if (!strcmp(a, "-kernel")) mo.kernel = v;
        else if (!strcmp(a, "-initrd")) mo.initrd = v;
        else if (!strcmp(a, "-append")) mo.append = v;
        else if (!strcmp(a, "-m")) {
            if (!parse_ram_size(v, &mo.ram_size)) return usage_error("bad -m size '%s' (use e.g. 256M or 1G)", v);
        } else if (!strcmp(a, "-M") || !strcmp(a, "-machine")) {
            if (strcmp(v, "virt") != 0) return usage_error("unknown machine '%s' (only virt exists)", v);
        } else if (!strcmp(a, "-smp")) {
            if (strcmp(v, "1") != 0) return usage_error("-smp %s: only one hart is emulated", v);
        } else if (!strcmp(a, "-g")) {
            if (!gdb_parse_port(v, &gdb_port)) return usage_error("-g: bad port '%s' (want 1-65535)", v);
        } else if (!strcmp(a, "-S")) {
            stop_at_start = true;
        } else if (!strcmp(a, "-nographic")) {
            display = DISPLAY_NONE;
        } else if (!strcmp(a, "-display")) {
            if (!strcmp(v, "sdl")) display = DISPLAY_SDL;
            else if (!strcmp(v, "none")) display = DISPLAY_NONE;
            else return usage_error("unknown display '%s' (available: sdl, none)", v);
        } else if (!strcmp(a, "-fb")) fb_size = v;
        else if (!strcmp(a, "--screenshot")) screenshot = v;
        else if (!strcmp(a, "--run-for")) {
            char *end;
            run_for = strtod(v, &end);
            if (end == v || *end || !(run_for > 0 && run_for < 1e6))
                return usage_error("bad --run-for time '%s' (seconds, e.g. 2.5)", v);
        } else if (!strncmp(a, "--engine=", 9)) {
            if (!engine_parse_kind(a + 9, &eo.kind))
                return usage_error("unknown engine '%s' (available: interp, jit, check)", a + 9);
        } else if (!strcmp(a, "--stats")) stats = eo.tx.count = true; /* counters in translated code too */
        else if (!strcmp(a, "--no-chain")) eo.tx.chain = false;
        else if (!strcmp(a, "--no-regcache")) eo.tx.regcache = false;
        else if (!strcmp(a, "--no-inline-tlb")) eo.tx.inline_tlb = false;
        else if (!strcmp(a, "--no-fusion")) eo.tx.fusion = false;
        else if (!strcmp(a, "--explain")) eo.tx.explain = stderr;
        else if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            fputs(system_usage_text, stdout);
            return 0;
        } else return usage_error("unknown option '%s'", a);
    }
    if (stop_at_start && !gdb_port) return usage_error("%s needs -g PORT", "-S");
    if (mo.ram_size < MACHINE_MIN_RAM || mo.ram_size > MACHINE_MAX_RAM) {
        fprintf(stderr, "rvdbt: -m: RAM must be between %lluM and %lluG\n", MACHINE_MIN_RAM >> 20,
                MACHINE_MAX_RAM >> 30);
        return EXIT_BAD_USAGE;
    }

    if (!virtio_options_finish(&vo, &mo, err, sizeof err)) return usage_error("%s", err);
    mo.fb_width = FB_DEFAULT_WIDTH;
    mo.fb_height = FB_DEFAULT_HEIGHT;
    if (fb_size && !dev_fb_parse_size(fb_size, &mo.fb_width, &mo.fb_height, err, sizeof err)) {
        fprintf(stderr, "rvdbt: %s\n", err);
        return EXIT_BAD_USAGE;
    }
    if (screenshot && !screenshot_check_path(screenshot, err, sizeof err)) {
        fprintf(stderr, "rvdbt: %s\n", err);
        return EXIT_CANNOT_START;
    }

    static struct machine m; /* large (the boot ROM, device state): not on the stack */
    m.output = console_output;
    if (!machine_create(&m, &mo, err, sizeof err)) {
        fprintf(stderr, "rvdbt: %s\n", err);
        return EXIT_CANNOT_START;
    }
    struct engine *engine = engine_create(&eo);
    if (!engine) {
        machine_destroy(&m);
        return EXIT_CANNOT_START;
    }
    struct gdb_stub *gdb = NULL;
    if (gdb_port && !(gdb = gdb_stub_listen(gdb_port))) {
        engine_destroy(engine);
        machine_destroy(&m);
        return EXIT_BAD_USAGE;
    }
    if (gdb && !stop_at_start) gdb_stub_attach_later(gdb);
    struct display *window = NULL;
    if (display == DISPLAY_SDL) {
        const char *title = mo.kernel ? mo.kernel : mo.bios;
        if (!(window = display_open(&m, strrchr(title, '/') ? strrchr(title, '/') + 1 : title, err, sizeof err))) {
            fprintf(stderr, "rvdbt: %s\n", err);
            engine_destroy(engine);
            machine_destroy(&m);
            return EXIT_CANNOT_START;
        }
    }
    console_init();
    struct run_state s = {&m, engine, stats, now_seconds(), false, gdb, window, run_for};
    start_ticks(&m.cpu);
    int status = run(&s);
    stop_ticks();
    if (gdb) gdb_stub_exited(gdb, status);
    console_flush();
    display_close(window);
    if (screenshot && !screenshot_write_png(screenshot, m.fb.pixels, m.fb.width, m.fb.height, m.fb.stride, err,
                                            sizeof err)) {
        fprintf(stderr, "rvdbt: %s\n", err);
        if (!status) status = EXIT_CANNOT_START;
    }
    if (stats) print_stats(&s);
    engine_destroy(engine);
    machine_destroy(&m);
    virtio_options_free(&vo);
    return status;
}
