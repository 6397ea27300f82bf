/* testsuite/programs/fp_kernels.c — FP loops whose values stay in registers across
 * loads and stores: y[i] += a*x[i] (two loads, then a chain through the loaded
 * values), a dot product and an escape-time iteration.  In the translator those
 * values live in the FP cache (translator/fpcache.c) while a load or store may take
 * a slow path into C; make test also runs this program with helpers that clobber
 * the xmm registers (RVDBT_TEST_CLOBBER_XMM=1) to prove that slow paths reload them.
 * The last loop runs with rounding towards zero: its arithmetic goes to the
 * interpreter (out of line) while the FP cache holds the loop's values.
 * Output: hex floats, compared with qemu-riscv64's. */
#include <fenv.h>
#include <stdio.h>

#define N 512

static double x[N], y[N];

int main(void)
{
    for (int i = 0; i < N; i++) {
        x[i] = 1.0 / (i + 1);
        y[i] = (double)i * 0.25 - 3.0;
    }
    double a = 1.7;
    for (int round = 0; round < 20; round++)
        for (int i = 0; i < N; i++) y[i] += a * x[i];
    double dot = 0;
    for (int i = 0; i < N; i++) dot += x[i] * y[i];
    int escaped = 0;
    for (int p = 0; p < 64; p++) {
        double cr = -2.0 + p * 0.04, ci = 0.3 + x[p], zr = 0, zi = 0;
        int k = 0;
        while (k < 200 && zr * zr + zi * zi <= 4.0) {
            double t = zr * zr - zi * zi + cr;
            zi = 2 * zr * zi + ci;
            zr = t;
            k++;
        }
        escaped += k;
        y[p] = zr + zi;
    }
    printf("%a %a %a %d\n", y[0], y[N - 1], dot, escaped);
    printf("%a %a\n", y[7], y[63]);
    fesetround(FE_TOWARDZERO);
    double s = 0;
    for (int i = 0; i < N; i++) { /* (no multiply-add: fused ones always go to the interpreter) */
        double u = y[i] / 1.1 - x[i];
        y[i] = u;
        s += u - x[i];
    }
    fesetround(FE_TONEAREST);
    printf("%a %a %a\n", y[1], y[N - 2], s);
    return 0;
}
