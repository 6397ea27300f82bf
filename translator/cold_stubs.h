/*
 * translator/cold_stubs.h — short cold paths through shared code (cold_stubs.c):
 * a block's memory slow paths, exit stubs and exit-request exits as one
 * 5-byte call each, the work done by three thunks built with the trampolines.
 */
#ifndef RVDBT_TRANSLATOR_COLD_STUBS_H
#define RVDBT_TRANSLATOR_COLD_STUBS_H

#include "translator/tx_internal.h"
#include "translator/x86_64/emit.h"

struct lower_ctx;
struct slow_path;
struct x86_buf;

/* Builds the three thunks (after the epilogue, which they jump to). */
bool tx_emit_cold_thunks(struct translator *tx, struct x86_buf *b);
/* Does this block get short cold paths (opt.cold_stubs, thunks built)? */
bool cold_stubs_on(const struct lower_ctx *c);
/* Does this slow path get the short form?  A load's or store's behind the
 * host-MMU check (user mode): entered only by a host fault or an address
 * outside the guest space, so truly cold.  Behind the TLB check (system mode,
 * --no-host-mmu) every TLB miss takes it: those stay in full, with no block
 * lookup on the way. */
bool cold_access_path(const struct slow_path *s);
/* Before the slow paths are emitted: the block's side table of records, one
 * per load/store slow path (false: out of memory). */
bool cold_prepare_block(struct lower_ctx *c);
/* Each stub is one call rel32 (the return address identifies it). */
#define COLD_STUB_SIZE 5
/* call cold_access — the whole slow path of a load or store (and its record). */
void emit_cold_access_stub(struct lower_ctx *c, const struct slow_path *s);
/* call cold_exit — a direct exit's stub, right after its jmp (until chained). */
void emit_cold_exit_stub(struct lower_ctx *c);
/* call cold_exit_request — the entry check's exit (registers already written back). */
void emit_cold_exit_request(struct lower_ctx *c);
/* call the thunk that sets xmm X to the canonical NaN (the caller has
 * tested that it holds a NaN; cold_stubs_on(c) must hold). */
void emit_cold_canonical_nan(struct lower_ctx *c, enum x86_xmm x);

#endif
