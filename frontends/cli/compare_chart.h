/*
 * frontends/cli/compare_chart.h — `rvdbt compare --chart FILE.svg|.png`: the table as a bar chart.
 *
 * The drawing is gnuplot's (a well-kept plotting tool); this module only
 * writes its data file and script and runs it.
 */
#ifndef RVDBT_FRONTENDS_COMPARE_CHART_H
#define RVDBT_FRONTENDS_COMPARE_CHART_H

#include <stdbool.h>
#include <stddef.h>

struct compare_bar {
    const char *label;   /* configuration name, e.g. "jit --no-chain" */
    double mips;         /* bar height: guest MIPS */
    double speedup;      /* printed over the bar (vs the interpreter); <= 0: none */
};

/* True if a `gnuplot` executable is on $PATH. */
bool compare_chart_available(void);

/* Draws one bar per configuration into `path`: a PNG file if it ends in
 * .png, otherwise SVG.  On failure
 * returns false with a one-line reason in errbuf. */
bool compare_chart_draw(const char *path, const char *title, const struct compare_bar *bars, int n, char *errbuf,
                        size_t errlen);

#endif
