/* testsuite/programs/fp_convert.c — conversions a translator gets wrong easily: double to
 * int/long (truncating casts and lrint) on values that overflow or are NaN (x86
 * returns "integer indefinite", RISC-V saturates), double<->float, float arithmetic,
 * and the accrued fflags after each step, hashed; must match qemu-riscv64. */
#include <stdio.h>
#include <math.h>
static volatile double vals[] = {0.0, -0.0, 1.5, -1.5, 2.5, -2.5, 1e10, -1e10, 1e20, -1e20, 2147483647.0, -2147483648.0, 2147483648.0, -2147483649.0, 9.3e18, -9.3e18, 0.49999999999999994};
int main(void){ unsigned long h=0; int n=sizeof vals/sizeof vals[0]; volatile double nanv = NAN; 
 for(int i=0;i<n+1;i++){ double v = i<n?vals[i]:nanv; int a=(int)v; long b=(long)v; long c=lrint(v); float f=(float)v; double g=(double)f; float q = f*1.5f+0.25f; float r = sqrtf(fabsf(f)); 
 unsigned fl; __asm__ volatile("frflags %0":"=r"(fl));
 h = h*31 + (unsigned)a; h = h*31 + (unsigned long)b; h=h*31+(unsigned long)c; union{float f; unsigned u;} u={f}; h=h*31+u.u; union{double d; unsigned long u;} w={g}; h=h*31+w.u; u.f=q; h=h*31+u.u; u.f=r; h=h*31+u.u; h=h*31+fl; }
 printf("%016lx\n", h); return 0; }
