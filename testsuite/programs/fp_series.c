/* testsuite/programs/fp_series.c — floating-point arithmetic a translator must get
 * bit-exact: sums of series in double and float, square roots, conversions,
 * compared (as printed decimal with all digits) against qemu-riscv64. */
#include <math.h>
#include <stdio.h>

int main(void)
{
    double s = 0;
    float f = 0;
    for (int i = 1; i < 200000; i++) {
        s += 1.0 / ((double)i * i);
        f += 1.0f / (float)i;
    }
    double x = 0.1, y = 0;
    for (int i = 0; i < 1000; i++) y = y * 0.999 + x / (1.0 + y) - sqrt(y + 1e-9);
    printf("%.17g %.9g %.17g %ld %.17g\n", s, f, sqrt(s * 6), (long)(s * 1e9), y);
    printf("%d %d %d\n", 0.1 + 0.2 == 0.3, (double)(1LL << 53) + 1.0 == (double)(1LL << 53), -0.0 == 0.0);
    return 0;
}
