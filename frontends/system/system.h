/*
 * frontends/system/system.h — `rvdbt system`: run a whole virt-compatible machine.
 */
#ifndef RVDBT_FRONTENDS_SYSTEM_H
#define RVDBT_FRONTENDS_SYSTEM_H

#include <stdio.h>

/* argv holds the options after "system".  Returns the process exit status. */
int system_main(int argc, char **argv);

/* The option summary for `rvdbt --help` and `rvdbt system --help`. */
void system_print_help(FILE *out);

#endif
