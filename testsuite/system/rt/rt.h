/*
 * testsuite/system/rt/rt.h — the bare-metal test runtime: console, power-off,
 * CSR access, trap recording, privilege switching.
 *
 * A test is main() returning 0; it prints "ok N what" lines through the
 * UART and a final "PASS name" (or "FAIL name test N"), then powers off
 * through the SiFive test device, so the same ELF gives the same output
 * and exit status under qemu-system-riscv64 -M virt -bios none and rvdbt.
 */
#ifndef RT_H
#define RT_H

#include <stdint.h>

#define csr_read(name) ({ uint64_t v_; __asm__ volatile("csrr %0, " #name : "=r"(v_)); v_; })
#define csr_write(name, v) __asm__ volatile("csrw " #name ", %0" ::"r"((uint64_t)(v)) : "memory")
#define csr_set(name, v) __asm__ volatile("csrs " #name ", %0" ::"r"((uint64_t)(v)) : "memory")
#define csr_clear(name, v) __asm__ volatile("csrc " #name ", %0" ::"r"((uint64_t)(v)) : "memory")

#define MMIO32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define MMIO8(a) (*(volatile uint8_t *)(uintptr_t)(a))

#define UART 0x10000000ul
#define CLINT 0x2000000ul
#define CLINT_MTIMECMP (CLINT + 0x4000)
#define CLINT_MTIME (CLINT + 0xbff8)
#define PLIC 0xc000000ul

#define INTERRUPT (1ul << 63)

void putc_uart(char c);
void puts_uart(const char *s);
void puthex(uint64_t v);
void putdec(uint64_t v);
void poweroff(int status) __attribute__((noreturn));

/* check(n, cond, what): prints "ok n what" or fails the test (and powers off with n). */
void check(int n, int cond, const char *what);
void test_pass(const char *name) __attribute__((noreturn));
extern const char *test_name;

/* The last trap, as recorded by the default handlers. */
struct trap_record {
    uint64_t count;
    uint64_t cause, epc, tval;
    int mode; /* 3: taken in M, 1: taken in S */
};
extern volatile struct trap_record last_trap;
/* If non-zero, the default handlers resume here instead of after the instruction. */
extern volatile uint64_t resume_at;

struct trap_frame { uint64_t x[32]; };
/* Hooks a test may set: called first; return non-zero to use their result as the resume pc. */
extern uint64_t (*m_trap_hook)(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval);
extern uint64_t (*s_trap_hook)(struct trap_frame *f, uint64_t cause, uint64_t epc, uint64_t tval);

/* The body of a spin-wait loop: Zihintpause's pause (fence w,0: a no-op
 * without the extension).  rvdbt -smp ends the hart's turn there. */
static inline void cpu_relax(void) { __asm__ volatile(".4byte 0x0100000f" ::: "memory"); }

/* What harts 1..7 run (-smp N); a weak default parks them in wfi. */
void hart_main(uint64_t hartid);

uint64_t run_in_mode(int mode, uint64_t (*fn)(uint64_t), uint64_t arg);
extern char m_trap_entry[], s_trap_entry[];

static inline uint64_t mtime(void) { return *(volatile uint64_t *)CLINT_MTIME; }

#endif
