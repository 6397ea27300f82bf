/*
 * cpu/hostfp.c — what the host FPU fast path (hostfp.h) needs to know about the host.
 */
#include "cpu/hostfp.h"

_Thread_local bool hostfp_mxcsr_owned;

bool hostfp_have_fma(void)
{
    static int have = -1;
    if (have < 0) have = __builtin_cpu_supports("fma") ? 1 : 0;
    return have;
}
