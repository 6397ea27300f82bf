/*
 * frontends/cli/compare_chart.c — the bar chart of `rvdbt compare --chart`, drawn by gnuplot.
 *
 * An SVG file, or a PNG when the name ends in .png.
 * Writes two files in a private temporary directory — the data (one line
 * per configuration: name, guest MIPS, speed-up label) and a gnuplot
 * script — and runs `gnuplot SCRIPT`.  gnuplot's own error message, if it
 * prints one, is what the user sees.  Strings handed to gnuplot are put in
 * single quotes, where the only special character is the quote itself
 * (written twice).
 */
#include "frontends/cli/compare_chart.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/wait.h>
#include <unistd.h>

bool compare_chart_available(void)
{
    const char *path = getenv("PATH");
    if (!path) return false;
    char dir[4096];
    while (*path) {
        size_t n = strcspn(path, ":");
        snprintf(dir, sizeof dir, "%.*s/gnuplot", (int)n, n ? path : ".");
        if (access(dir, X_OK) == 0) return true;
        path += n + (path[n] == ':');
    }
    return false;
}

/* Writes s as a gnuplot single-quoted string. */
static void put_quoted(FILE *f, const char *s)
{
    fputc('\'', f);
    for (; *s; s++) {
        if (*s == '\'') fputc('\'', f);
        if (*s != '\n') fputc(*s, f);
    }
    fputc('\'', f);
}

static bool write_files(const char *data_path, const char *script_path, const char *chart, const char *title,
                        const struct compare_bar *bars, int n)
{
    FILE *d = fopen(data_path, "w");
    if (!d) return false;
    for (int i = 0; i < n; i++) {
        char label[32] = "";
        if (bars[i].speedup > 0) snprintf(label, sizeof label, "%.1fx", bars[i].speedup);
        fprintf(d, "\"%s\" %.3f \"%s\"\n", bars[i].label, bars[i].mips, label);
    }
    bool ok = fclose(d) == 0;
    FILE *s = fopen(script_path, "w");
    if (!s) return false;
    /* the file name's extension picks the format: .png, or SVG for anything else */
    size_t len = strlen(chart);
    bool png = len >= 4 && !strcasecmp(chart + len - 4, ".png");
    fputs(png ? "set terminal pngcairo size 900,520 font 'sans,11' background rgb 'white'\n"
              : "set terminal svg size 900,520 dynamic font 'sans,12' background rgb 'white'\n",
          s);
    fputs("set output ", s);
    put_quoted(s, chart);
    fputs("\nset title ", s);
    put_quoted(s, title);
    fputs(" noenhanced\n"
          "set ylabel 'guest MIPS (higher is faster)'\n"
          "set style data histograms\n"
          "set style histogram clustered gap 1\n"
          "set style fill solid 0.85 border -1\n"
          "set boxwidth 0.8\n"
          "set yrange [0:*]\n"
          "set offsets 0, 0, graph 0.08, 0\n"
          "set grid ytics\n"
          "set xtics noenhanced rotate by -25\n"
          "unset key\n"
          "plot ",
          s);
    put_quoted(s, data_path);
    fputs(" using 2:xtic(1) lc rgb '#3a6fb0', '' using 0:2:3 with labels offset 0,0.8 notitle\n", s);
    return fclose(s) == 0 && ok;
}

bool compare_chart_draw(const char *path, const char *title, const struct compare_bar *bars, int n, char *errbuf,
                        size_t errlen)
{
    char dir[] = "/tmp/rvdbt-chart.XXXXXX";
    if (!mkdtemp(dir)) {
        snprintf(errbuf, errlen, "cannot create a temporary directory: %s", strerror(errno));
        return false;
    }
    char data[64], script[64], log[64];
    snprintf(data, sizeof data, "%s/data", dir);
    snprintf(script, sizeof script, "%s/plot.gp", dir);
    snprintf(log, sizeof log, "%s/gnuplot.err", dir);
    bool ok = write_files(data, script, path, title, bars, n);
    if (!ok) snprintf(errbuf, errlen, "cannot write the gnuplot files in %s", dir);
    if (ok) {
        fflush(stdout);
        fflush(stderr);
        pid_t pid = fork();
        if (pid == 0) {
            int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0600);
            if (fd >= 0) {
                dup2(fd, 1);
                dup2(fd, 2);
            }
            execlp("gnuplot", "gnuplot", script, (char *)NULL);
            _exit(127);
        }
        int status = 0;
        if (pid < 0 || waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            char first[200] = "";
            FILE *f = fopen(log, "r");
            if (f) {
                if (!fgets(first, sizeof first, f)) first[0] = 0;
                fclose(f);
            }
            first[strcspn(first, "\n")] = 0;
            snprintf(errbuf, errlen, "gnuplot failed%s%s", first[0] ? ": " : "", first);
            ok = false;
        }
    }
    unlink(data);
    unlink(script);
    unlink(log);
    rmdir(dir);
    return ok;
}
