/* testsuite/programs/muldiv_edges.c — every M-extension multiply/divide on edge operands
 * (zero, -1, INT_MIN, INT_MAX, 32-bit boundaries), folded into one hash that
 * must be the same under qemu-riscv64 and every rvdbt engine. */
#include <stdio.h>
#include <stdint.h>
#include <limits.h>
static volatile int64_t vals[] = {0, 1, -1, 7, -7, 3, INT64_MIN, INT64_MAX, INT32_MIN, INT32_MAX, 0x80000000LL, -0x80000001LL, 123456789012345LL};
int main(void){ unsigned long h = 0; int n = sizeof vals/sizeof vals[0];
for(int i=0;i<n;i++) for(int j=0;j<n;j++){ int64_t a=vals[i], b=vals[j]; uint64_t r[12];
 __asm__ volatile("div %0,%1,%2":"=r"(r[0]):"r"(a),"r"(b)); __asm__ volatile("divu %0,%1,%2":"=r"(r[1]):"r"(a),"r"(b));
 __asm__ volatile("rem %0,%1,%2":"=r"(r[2]):"r"(a),"r"(b)); __asm__ volatile("remu %0,%1,%2":"=r"(r[3]):"r"(a),"r"(b));
 __asm__ volatile("divw %0,%1,%2":"=r"(r[4]):"r"(a),"r"(b)); __asm__ volatile("divuw %0,%1,%2":"=r"(r[5]):"r"(a),"r"(b));
 __asm__ volatile("remw %0,%1,%2":"=r"(r[6]):"r"(a),"r"(b)); __asm__ volatile("remuw %0,%1,%2":"=r"(r[7]):"r"(a),"r"(b));
 __asm__ volatile("mulh %0,%1,%2":"=r"(r[8]):"r"(a),"r"(b)); __asm__ volatile("mulhu %0,%1,%2":"=r"(r[9]):"r"(a),"r"(b));
 __asm__ volatile("mulhsu %0,%1,%2":"=r"(r[10]):"r"(a),"r"(b)); __asm__ volatile("mulw %0,%1,%2":"=r"(r[11]):"r"(a),"r"(b));
 for(int k=0;k<12;k++){ h = h*1000003 ^ r[k]; } }
printf("%016lx\n", h); return 0; }
