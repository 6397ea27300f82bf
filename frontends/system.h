/*
 * frontends/system.h — `rvdbt system`: run a whole virt-compatible machine.
 */
#ifndef RVDBT_FRONTENDS_SYSTEM_H
#define RVDBT_FRONTENDS_SYSTEM_H

/* argv holds the options after "system".  Returns the process exit status. */
int system_main(int argc, char **argv);

/* The option summary for `rvdbt --help`. */
extern const char system_usage_text[];

#endif
