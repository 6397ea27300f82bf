/*
 * translator/check.h — the interpreter-versus-translator lockstep engine (see check.c).
 */
#ifndef RVDBT_TRANSLATOR_CHECK_H
#define RVDBT_TRANSLATOR_CHECK_H

#include "translator/translator.h"

struct tx_block;

enum { TX_CHECK_EXIT = 0, TX_CHECK_TRAP = 1, TX_CHECK_DIVERGED = 2 };

/* Runs like tx_run, checking every block against the interpreter.
 * Returns TX_CHECK_TRAP, TX_CHECK_EXIT, or TX_CHECK_DIVERGED after printing
 * a report on stderr. */
int tx_run_check(struct translator *tx, struct cpu *cpu);

/* Runs exactly one block (no chaining).  *block is the block run (NULL if
 * the first instruction trapped before any translation).  Returns
 * TX_CHECK_TRAP or TX_CHECK_EXIT. */
int tx_run_one(struct translator *tx, struct cpu *cpu, struct tx_block **block);

#endif
