/*
 * frontends/cli/compare.h — `rvdbt compare`: one program under every engine configuration.
 *
 * See frontends/cli/compare.c for how it works.
 */
#ifndef RVDBT_FRONTENDS_COMPARE_H
#define RVDBT_FRONTENDS_COMPARE_H

/* Runs `rvdbt compare` with the arguments after the word "compare".
 * Returns the exit status: 0 when every configuration printed the same
 * stdout and ended with the same status, 1 when they differ (or --chart
 * failed), 2 for a bad command line or a program that cannot run at all. */
int compare_main(int argc, char **argv);

#endif
