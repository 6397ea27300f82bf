/*
 * testsuite/unit/test_linux_user.c — pieces of user mode that a whole-program
 * comparison with qemu would only show indirectly.
 *
 * What must hold: the mmap allocator finds the highest free gap and never a
 * mapped page; the initial stack has exactly Linux's layout (argc, argv,
 * envp, auxv with the right keys, 16-byte aligned sp); guest paths resolve
 * through the sysroot only where the file exists there; newfstatat writes
 * riscv64's struct stat (not the host's); an unknown call is -ENOSYS; a
 * signal frame round-trips every register through the handler and
 * rt_sigreturn, and the handler gets (sig, &info, &uc) with ra at the
 * sigreturn trampoline.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "frontends/linux/linux_user.h"

#define PAGE MMU_PAGE_SIZE

struct fixture {
    struct linux_process p;
    struct run_options opt;
};

static int setup(void **state)
{
    struct fixture *f = calloc(1, sizeof *f);
    if (!f || !(f->p.mmu = mmu_create())) return -1;
    f->p.cpu.mmu = f->p.mmu;
    f->p.opt = &f->opt;
    if (!linux_group_init(&f->p)) return -1; /* (the process's shared state: dispositions, brk) */
    snprintf(f->p.exe_path, sizeof f->p.exe_path, "/the/program");
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    struct fixture *f = *state;
    mmu_destroy(f->p.mmu);
    free(f->p.group);
    free(f);
    return 0;
}

static void test_find_free(void **state)
{
    struct mmu *m = ((struct fixture *)*state)->p.mmu;
    uint64_t top = 0x40000000;
    assert_int_equal(mmu_find_free(m, 3 * PAGE, 0x10000000, top), top - 3 * PAGE);
    assert_true(mmu_map(m, top - 2 * PAGE, PAGE, MMU_READ)); /* a page in the way */
    assert_int_equal(mmu_find_free(m, 3 * PAGE, 0x10000000, top), top - 5 * PAGE);
    assert_int_equal(mmu_find_free(m, PAGE, 0x10000000, top), top - PAGE); /* the hole above it */
    assert_int_equal(mmu_find_free(m, 0x40000000, 0x10000000, top), UINT64_MAX);
    assert_int_equal(mmu_find_free(m, 0, 0x10000000, top), UINT64_MAX);
}

static uint64_t read64(struct linux_process *p, uint64_t addr)
{
    uint64_t v = 0;
    assert_int_equal(mmu_read_bytes(p->mmu, addr, &v, 8, MMU_READ), MMU_OK);
    return v;
}

static void read_str(struct linux_process *p, uint64_t addr, char *buf, size_t len)
{
    assert_int_equal(mmu_read_bytes(p->mmu, addr, buf, len, MMU_READ), MMU_OK);
    buf[len - 1] = 0;
}

static void test_initial_stack(void **state)
{
    struct linux_process *p = &((struct fixture *)*state)->p;
    struct elf_image img = {.entry = 0x10450, .phdr_addr = 0x10040, .phnum = 9, .phentsize = 56};
    char *argv[] = {"prog", "arg one", NULL};
    char *envp[] = {"A=1", NULL};
    assert_true(linux_build_stack(p, &img, 0x7000000000ull, 2, argv, envp, "/path/prog"));
    uint64_t sp = p->cpu.x[2];
    assert_int_equal(sp & 15, 0);
    assert_int_equal(read64(p, sp), 2);
    char s[16];
    read_str(p, read64(p, sp + 8), s, 5);
    assert_string_equal(s, "prog");
    read_str(p, read64(p, sp + 16), s, 8);
    assert_string_equal(s, "arg one");
    assert_int_equal(read64(p, sp + 24), 0);
    read_str(p, read64(p, sp + 32), s, 4);
    assert_string_equal(s, "A=1");
    assert_int_equal(read64(p, sp + 40), 0);
    /* auxv: collect key -> value until AT_NULL */
    uint64_t aux[64] = {0};
    bool seen[64] = {false};
    for (uint64_t a = sp + 48;; a += 16) {
        uint64_t key = read64(p, a), val = read64(p, a + 8);
        if (key == 0) break;
        assert_true(key < 64);
        aux[key] = val, seen[key] = true;
    }
    enum { PHDR = 3, PHENT = 4, PHNUM = 5, PAGESZ = 6, BASE = 7, ENTRY = 9, UID = 11, HWCAP = 16, CLKTCK = 17,
           SECURE = 23, RANDOM = 25, EXECFN = 31 };
    assert_int_equal(aux[PHDR], 0x10040);
    assert_int_equal(aux[PHENT], 56);
    assert_int_equal(aux[PHNUM], 9);
    assert_int_equal(aux[PAGESZ], 4096);
    assert_int_equal(aux[BASE], 0x7000000000ull);
    assert_int_equal(aux[ENTRY], 0x10450);
    assert_int_equal(aux[UID], getuid());
    assert_true(seen[CLKTCK] && seen[SECURE] && aux[SECURE] == 0);
    assert_int_equal(aux[HWCAP] & 0x112d, 0x112d); /* I M A F D C */
    read_str(p, aux[EXECFN], s, 11);
    assert_string_equal(s, "/path/prog");
    assert_true(aux[RANDOM] > sp && mmu_is_mapped(p->mmu, aux[RANDOM] + 15));
}

static void test_host_path(void **state)
{
    struct fixture *f = *state;
    char root[] = "/tmp/rvdbt-unit-root.XXXXXX";
    assert_non_null(mkdtemp(root));
    char dir[PATH_MAX], file[PATH_MAX], buf[PATH_MAX];
    snprintf(dir, sizeof dir, "%s/lib", root);
    snprintf(file, sizeof file, "%s/lib/libx.so", root);
    assert_int_equal(mkdir(dir, 0755), 0);
    fclose(fopen(file, "w"));
    f->opt.sysroot = root;
    assert_string_equal(linux_host_path(&f->p, "/lib/libx.so", buf, sizeof buf), file);
    assert_string_equal(linux_host_path(&f->p, "/lib/none.so", buf, sizeof buf), "/lib/none.so");
    assert_string_equal(linux_host_path(&f->p, "lib/libx.so", buf, sizeof buf), "lib/libx.so"); /* relative: cwd */
    assert_string_equal(linux_host_path(&f->p, "/", buf, sizeof buf), "/");
    assert_string_equal(linux_host_path(&f->p, "/proc/self/exe", buf, sizeof buf), "/the/program");
    f->opt.sysroot = NULL;
    assert_string_equal(linux_host_path(&f->p, "/lib/libx.so", buf, sizeof buf), "/lib/libx.so");
    unlink(file);
    rmdir(dir);
    rmdir(root);
}

/* Runs one system call as an ecall would; returns a0. */
static int64_t syscall6(struct linux_process *p, uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3)
{
    p->cpu.x[17] = nr;
    p->cpu.x[10] = a0, p->cpu.x[11] = a1, p->cpu.x[12] = a2, p->cpu.x[13] = a3;
    linux_syscall(p);
    return (int64_t)p->cpu.x[10];
}

static void test_stat_layout_and_enosys(void **state)
{
    struct linux_process *p = &((struct fixture *)*state)->p;
    const uint64_t buf = 0x20000, path = 0x21000;
    assert_true(mmu_map(p->mmu, buf, 2 * PAGE, MMU_READ | MMU_WRITE));
    char name[] = "/tmp/rvdbt-unit-stat.XXXXXX";
    int fd = mkstemp(name);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "12345", 5), 5);
    close(fd);
    assert_int_equal(mmu_write_bytes(p->mmu, path, name, sizeof name, MMU_WRITE), MMU_OK);
    assert_int_equal(syscall6(p, 79 /* newfstatat */, (uint64_t)-100, path, buf, 0), 0);
    struct stat st;
    assert_int_equal(stat(name, &st), 0);
    unlink(name);
    uint32_t mode;
    int64_t size, mtime;
    assert_int_equal(read64(p, buf + 8), st.st_ino);            /* st_ino at 8 */
    mmu_read_bytes(p->mmu, buf + 16, &mode, 4, MMU_READ);       /* st_mode at 16 (x86-64: 24) */
    mmu_read_bytes(p->mmu, buf + 48, &size, 8, MMU_READ);       /* st_size at 48 */
    mmu_read_bytes(p->mmu, buf + 88, &mtime, 8, MMU_READ);      /* st_mtime at 88 */
    assert_int_equal(mode, st.st_mode);
    assert_int_equal(size, 5);
    assert_int_equal(mtime, st.st_mtim.tv_sec);
    /* a bad pointer is EFAULT, an unknown call ENOSYS */
    assert_int_equal(syscall6(p, 79, (uint64_t)-100, 0x5000000, buf, 0), -EFAULT);
    assert_int_equal(syscall6(p, 999, 0, 0, 0, 0), -ENOSYS);
}

static void test_signal_frame_round_trip(void **state)
{
    struct linux_process *p = &((struct fixture *)*state)->p;
    char *argv[] = {"prog", NULL}, *envp[] = {NULL};
    struct elf_image img = {.entry = 0x10000};
    assert_true(linux_build_stack(p, &img, 0, 1, argv, envp, "prog"));
    assert_true(linux_signal_init(p));
    struct cpu before = p->cpu;
    for (int i = 1; i < 32; i++) p->cpu.x[i] = before.x[i] = i == 2 ? p->cpu.x[2] : 0x1000 + (uint64_t)i;
    for (int i = 0; i < 32; i++) p->cpu.f[i] = before.f[i] = 0x4000000000000000ull + (uint64_t)i;
    p->cpu.pc = before.pc = 0x10010;
    p->cpu.fflags = before.fflags = 0x3;
    p->cpu.frm = before.frm = 2;

    struct guest_sigaction act = {.handler = 0x12340, .flags = 0, .mask = 0};
    assert_int_equal(linux_sigaction(p, SIGUSR1, &act, NULL), 0);
    assert_int_equal(linux_signal_self(p, SIGUSR1, true), 0); /* a host tgkill to ourselves */
    linux_signal_deliver(p);
    assert_int_equal(p->cpu.pc, 0x12340);
    assert_int_equal(p->cpu.x[10], SIGUSR1);
    assert_int_equal(p->cpu.x[1], p->sig.trampoline);
    assert_int_equal(p->cpu.x[2] & 15, 0);
    assert_true(p->cpu.x[2] < before.x[2]);
    assert_int_equal(p->cpu.x[11], p->cpu.x[2]);        /* &info: the frame starts with siginfo */
    assert_int_equal(p->cpu.x[12], p->cpu.x[2] + 128);  /* &uc */
    assert_int_equal(read64(p, p->cpu.x[12] + 176), 0x10010); /* uc_mcontext.gregs[0]: the pc */
    assert_true(p->sig.blocked & (1ull << (SIGUSR1 - 1))); /* blocked while its handler runs */
    uint32_t signo;
    mmu_read_bytes(p->mmu, p->cpu.x[11], &signo, 4, MMU_READ);
    assert_int_equal(signo, SIGUSR1);

    /* the handler clobbers registers, returns with sp where it found it */
    uint64_t frame_sp = p->cpu.x[2];
    for (int i = 3; i < 32; i++) p->cpu.x[i] = 0xdead;
    p->cpu.f[5] = 0;
    p->cpu.fflags = 0;
    p->cpu.x[2] = frame_sp;
    p->cpu.x[17] = 139; /* rt_sigreturn, as the trampoline does */
    linux_syscall(p);
    assert_int_equal(p->cpu.pc, before.pc);
    assert_memory_equal(p->cpu.x, before.x, sizeof before.x);
    assert_memory_equal(p->cpu.f, before.f, sizeof before.f);
    assert_int_equal(p->cpu.fflags, before.fflags);
    assert_int_equal(p->cpu.frm, before.frm);
    assert_false(p->sig.blocked & (1ull << (SIGUSR1 - 1)));
    act.handler = 0; /* SIG_DFL again, for the host too */
    assert_int_equal(linux_sigaction(p, SIGUSR1, &act, NULL), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_find_free, setup, teardown),
        cmocka_unit_test_setup_teardown(test_initial_stack, setup, teardown),
        cmocka_unit_test_setup_teardown(test_host_path, setup, teardown),
        cmocka_unit_test_setup_teardown(test_stat_layout_and_enosys, setup, teardown),
        cmocka_unit_test_setup_teardown(test_signal_frame_round_trip, setup, teardown),
    };
    return cmocka_run_group_tests_name("linux_user", tests, NULL, NULL);
}
