/*
 * frontends/tui/tui_term.c — the terminal and the guest's console for `rvdbt tui`.
 *
 * The TUI draws on the terminal rvdbt was started on; the guest must not
 * write there too, or its output would tear the panes.  So before the guest
 * starts, its stdout and stderr (descriptors 1 and 2, which in user mode are
 * the host's own) become the slave side of a pseudo-terminal: to the guest
 * it is still a terminal (isatty is true, so stdio stays line-buffered and
 * output appears as the program prints it, step by step), and the TUI reads
 * the master side into the console pane.  The guest's stdin reads
 * /dev/null: the keys are the TUI's.
 *
 * A thread drains the pty all the time — a guest that prints a lot while it
 * runs to a breakpoint must never block on a full pty — and, while the guest
 * runs freely, watches the terminal: a key raises cpu->exit_request, which
 * every engine honours at its next block boundary (the GDB stub's Ctrl-C
 * watcher, for a keyboard).  Only the main thread calls ncurses.
 */
#include <curses.h>

#include "frontends/tui/curses_dyn.h"
#include "frontends/tui/tui_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

static struct tui *active; /* for tui_end_now on the death paths */

static void *io_main(void *arg)
{
    struct tui *t = arg;
    bool pty_open = true;
    for (;;) {
        bool watch = t->watching && !t->key_hit;
        struct pollfd p[3] = {{.fd = t->wake[0], .events = POLLIN},
                              {.fd = pty_open ? t->pty_master : -1, .events = POLLIN},
                              {.fd = watch ? t->tty_fd : -1, .events = POLLIN}};
        if (poll(p, 3, -1) < 0) {
            if (errno == EINTR) continue;
            return NULL;
        }
        if (p[0].revents) {
            char c = 0;
            if (read(t->wake[0], &c, 1) == 1 && c == 'q') return NULL;
        }
        if (p[1].revents & POLLIN) {
            char buf[4096];
            ssize_t n = read(t->pty_master, buf, sizeof buf);
            if (n > 0) {
                pthread_mutex_lock(&t->lock);
                size_t keep = t->console_len + (size_t)n > TUI_CONSOLE_SIZE ? TUI_CONSOLE_SIZE - (size_t)n : t->console_len;
                memmove(t->console, t->console + t->console_len - keep, keep);
                memcpy(t->console + keep, buf, (size_t)n);
                t->console_len = keep + (size_t)n;
                t->console_gen++;
                pthread_mutex_unlock(&t->lock);
            } else if (n == 0 || errno != EINTR) {
                pty_open = false; /* every copy of the slave closed: nothing more will come */
            }
        } else if (p[1].revents & (POLLHUP | POLLERR)) {
            pty_open = false;
        }
        if (watch && (p[2].revents & POLLIN)) {
            t->key_hit = 1;
            cpu_set_exit_request(t->watch_cpu, 1);
        }
    }
}

void tui_watch_keys(struct tui *t, struct cpu *cpu, bool on)
{
    if (on) t->watch_cpu = cpu, t->key_hit = 0; /* (off keeps key_hit: the caller asks why it stopped) */
    t->watching = on;
    char c = 'w';
    (void)!write(t->wake[1], &c, 1); /* the I/O thread looks again */
}

/* The guest's stdout/stderr onto a raw pty (no \n -> \r\n: the pane splits lines), stdin from /dev/null. */
static bool redirect_guest_console(struct tui *t, char *err, size_t len)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY | O_CLOEXEC);
    const char *name = m >= 0 && !grantpt(m) && !unlockpt(m) ? ptsname(m) : NULL;
    int s = name ? open(name, O_RDWR | O_NOCTTY) : -1;
    int null = open("/dev/null", O_RDONLY);
    if (s < 0 || null < 0) {
        snprintf(err, len, "tui: cannot make a pseudo-terminal for the guest's output: %s", strerror(errno));
        return false;
    }
    struct termios tio;
    if (!tcgetattr(s, &tio)) {
        cfmakeraw(&tio);
        tcsetattr(s, TCSANOW, &tio);
    }
    struct winsize ws = {.ws_row = 8, .ws_col = 80};
    ioctl(s, TIOCSWINSZ, &ws);
    t->real_stdout = fcntl(1, F_DUPFD_CLOEXEC, 3);
    t->real_stderr = fcntl(2, F_DUPFD_CLOEXEC, 3);
    if (t->real_stdout < 0 || t->real_stderr < 0 || dup2(s, 1) < 0 || dup2(s, 2) < 0 || dup2(null, 0) < 0) {
        snprintf(err, len, "tui: cannot redirect the guest's console: %s", strerror(errno));
        return false;
    }
    close(s);
    close(null);
    t->pty_master = m;
    return true;
}

bool tui_term_open(struct tui *t)
{
    char err[300];
    if (!isatty(0) || !isatty(1)) {
        fprintf(stderr, "rvdbt: tui: needs a terminal (stdin and stdout are not one)\n");
        return false;
    }
    if (!curses_dyn_load(err, sizeof err)) {
        fprintf(stderr, "rvdbt: %s\n", err);
        return false;
    }
    tcgetattr(0, &t->saved_termios);
    int in = fcntl(0, F_DUPFD_CLOEXEC, 3), out = fcntl(1, F_DUPFD_CLOEXEC, 3);
    if (in < 0 || out < 0 || !(t->tty_in = fdopen(in, "r")) || !(t->tty_out = fdopen(out, "w")) ||
        pipe2(t->wake, O_CLOEXEC)) {
        fprintf(stderr, "rvdbt: tui: %s\n", strerror(errno));
        return false;
    }
    t->tty_fd = in;
    const char *term = getenv("TERM");
    if (!(t->screen = newterm(term && *term ? term : "vt100", t->tty_out, t->tty_in))) {
        fprintf(stderr, "rvdbt: tui: cannot use the terminal (TERM=%s)\n", term ? term : "");
        return false;
    }
    if (!redirect_guest_console(t, err, sizeof err)) {
        endwin();
        fprintf(stderr, "rvdbt: %s\n", err);
        return false;
    }
    if (!(t->win = newwin(0, 0, 0, 0))) {
        tui_term_close(t);
        fprintf(stderr, "rvdbt: tui: cannot make a window\n");
        return false;
    }
    keypad(t->win, TRUE);
    cbreak();
    noecho();
    curs_set(0);
    if (has_colors()) {
        start_color();
        use_default_colors();
        init_pair(1, COLOR_YELLOW, -1); /* changed registers and bytes, the current instruction */
        init_pair(2, COLOR_GREEN, -1);  /* pane titles */
        init_pair(3, COLOR_CYAN, -1);   /* breakpoints */
    }
    pthread_mutex_init(&t->lock, NULL);
    if ((t->io_started = !pthread_create(&t->io_thread, NULL, io_main, t)) == false) {
        tui_term_close(t);
        fprintf(stderr, "rvdbt: tui: cannot start its I/O thread\n");
        return false;
    }
    active = t;
    return true;
}

void tui_term_close(struct tui *t)
{
    if (t->ended) return;
    t->ended = true;
    if (active == t) active = NULL;
    if (t->io_started) {
        char c = 'q';
        (void)!write(t->wake[1], &c, 1);
        pthread_join(t->io_thread, NULL);
    }
    if (t->screen) endwin();
    if (t->tty_out) fflush(t->tty_out);
    if (t->tty_fd >= 0) tcsetattr(t->tty_fd, TCSANOW, &t->saved_termios);
    /* rvdbt's last words (a fault report) go to the terminal again, and so
     * does what the guest printed, which the pane alone showed */
    if (t->real_stdout >= 0) dup2(t->real_stdout, 1);
    if (t->real_stderr >= 0) dup2(t->real_stderr, 2);
    if (t->console_len) (void)!write(1, t->console, t->console_len);
}

void tui_end_now(void)
{
    if (active) tui_term_close(active);
}

void tui_forget(void) { active = NULL; }

int tui_get_key(struct tui *t)
{
    WINDOW *w = t->win;
    wtimeout(w, 100);
    return wgetch(w);
}

bool tui_prompt(struct tui *t, const char *prompt, char *buf, size_t len)
{
    WINDOW *w = t->win;
    int y = getmaxy(w) - 1, width = getmaxx(w);
    size_t n = 0;
    buf[0] = 0;
    wtimeout(w, -1);
    for (;;) {
        char line[512];
        snprintf(line, sizeof line, "%s%s_", prompt, buf);
        wmove(w, y, 0);
        wattr_on(w, A_REVERSE, NULL);
        waddnstr(w, line, width);
        for (int i = (int)strlen(line); i < width; i++) waddnstr(w, " ", 1);
        wattr_off(w, A_REVERSE, NULL);
        wnoutrefresh(w);
        doupdate();
        int c = wgetch(w);
        if (c == 27) return false;
        if (c == '\n' || c == '\r' || c == KEY_ENTER) return true;
        if ((c == KEY_BACKSPACE || c == 127 || c == 8) && n) buf[--n] = 0;
        else if (c >= 32 && c < 127 && n + 1 < len) buf[n++] = (char)c, buf[n] = 0;
    }
}
