# rvdbt — the one, non-recursive Makefile.
#
#   make               build build/rvdbt
#   make test          install missing Debian packages, build everything, run every test
#   make test SANITIZE=1   the same under ASan + UBSan (objects in build/san/)
#   make test SANITIZE=thread   under ThreadSanitizer (objects in build/tsan/): the guest-thread
#                      tests only (RVDBT_THREADS_ONLY=1 in groups 60 and 85: threads*, shared,
#                      forkcode under every engine, the code-cache stress, Go, GDB with threads).
#                      TSan defers signal handlers to instrumented code: a guest thread spinning
#                      in translated code gets a signal from another guest thread because the
#                      sender kicks it to the run loop (linux_threads_kick), not one from outside
#   make demo          build and run the demo guest programs (primes; the Mandelbrot zoom in a window)
#   make bench         interpreter vs translator vs qemu-riscv64 vs native benchmark table,
#                      then real Debian programs, then the Linux boot table (make bench-linux)
#   make bench-linux   boot Debian's Linux under the translator, the interpreter and QEMU
#                      (RUNS=N boots to /init per engine, LOGIN_RUNS=N systemd boots; best of each)
#   make boot-debian   build a Debian trixie ext4 image (testsuite/fetch-debian-rootfs.sh) and
#                      boot it with systemd to a login prompt on this terminal (root/rvdbt)
#   make fuzz          the interpreter-vs-translator differential fuzzer, millions of sequences,
#                      then libFuzzer on the ELF loader (make fuzz-elf) if clang is installed
#   make fuzz-elf      libFuzzer on the ELF loader (needs clang; make test runs it for 30 s)
#   make diagrams      draw docs/diagrams/*.dot into SVGs (Graphviz)
#   make install       copy build/rvdbt to $(DESTDIR)$(PREFIX)/bin (PREFIX=/usr/local); make uninstall
#
# Host objects go to $(BUILD)/obj, guest (RISC-V) programs to build/guest.

SANITIZE ?= 0
BUILD := build$(if $(filter 1,$(SANITIZE)),/san,)$(if $(filter thread,$(SANITIZE)),/tsan,)
GUEST := build/guest

CC ?= cc
CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror -I. -MMD -MP $(EXTRA_CFLAGS)
LDLIBS := -lfdt -lz -lm $(shell pkg-config --libs libpng) -ldl -lpthread
# capstone is not linked into rvdbt (translator/capstone_dyn.c opens it for
# --explain); the unit tests call it themselves and link it.
TEST_LDLIBS := -lcapstone $(LDLIBS)
# SDL2, libpng (the window and screenshots) and libslirp (-netdev user): flags
# from pkg-config.  SDL2 and libslirp are not linked: frontends/system/sdl_dyn.c
# opens SDL2 when a window is asked for, devices/slirp_dyn.c libslirp for -netdev user
# (all four through cpu/host_library.c's one dlopen loader).
CFLAGS += $(shell pkg-config --cflags sdl2 libpng slirp)
ifeq ($(SANITIZE),1)
CFLAGS += -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
LDFLAGS += -fsanitize=address,undefined
endif
ifeq ($(SANITIZE),thread)
CFLAGS += -fsanitize=thread -fno-omit-frame-pointer -Wno-tsan # (TSan does not model fences: see mmu.c, interp.c)
LDFLAGS += -fsanitize=thread
endif

# Everything except main.c goes into a library that unit tests link against too.
LIB_SRCS := $(wildcard cpu/*.c mmu/*.c translator/*.c translator/*/*.c devices/*.c) \
            $(filter-out frontends/cli/main.c,$(wildcard frontends/*/*.c))
LIB_OBJS := $(LIB_SRCS:%.c=$(BUILD)/obj/%.o)
MAIN_OBJ := $(BUILD)/obj/frontends/cli/main.o
UNIT_BINS := $(patsubst testsuite/unit/%.c,$(BUILD)/unit/%,$(wildcard testsuite/unit/test_*.c))
FUZZ_BIN := $(BUILD)/fuzz_diff
FUZZ_ELF_BIN := $(BUILD)/fuzz_elf

.PHONY: boot-debian diagrams install uninstall pytest-guest stress-guest system-tests bench-linux bench-callgrind all test check-deps test-build fetch-guests demo bench fuzz fuzz-elf clean
all: $(BUILD)/rvdbt

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c -o $@ $<

$(BUILD)/librvdbt.a: $(LIB_OBJS)
	@rm -f $@
	ar rcs $@ $^

$(BUILD)/rvdbt: $(MAIN_OBJ) $(BUILD)/librvdbt.a
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(BUILD)/unit/%: testsuite/unit/%.c $(BUILD)/librvdbt.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/librvdbt.a -lcmocka $(TEST_LDLIBS)

$(FUZZ_BIN): testsuite/fuzz/fuzz_diff.c $(BUILD)/librvdbt.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $< $(BUILD)/librvdbt.a $(LDLIBS)
# the ELF-loader fuzz target, built with a main() that replays the corpus (make test)
$(FUZZ_ELF_BIN): testsuite/fuzz/fuzz_elf.c $(BUILD)/librvdbt.a
	$(CC) $(CFLAGS) -DREPLAY_MAIN $(LDFLAGS) -o $@ $< $(BUILD)/librvdbt.a $(LDLIBS)

# ---- guest programs (RISC-V, built with Debian's cross compiler) ------------
GUEST_CC := riscv64-linux-gnu-gcc
# The one ISA every guest program is built for: RV64GC with the double-float
# ABI, Debian riscv64's baseline and what QEMU 7.2 (the oracle) runs.  The
# extensions rvdbt implements beyond it are listed once, in cpu/isa_ext.h;
# their tests use .insn or a per-program -march (bitmanip.elf below), because
# Debian 12's gcc 12 / binutils 2.40 do not know most RVA23 names.  Exported:
# the test and bench scripts compile guests with the same flags.
GUEST_ARCH := -march=rv64gc -mabi=lp64d
export GUEST_ARCH
GUEST_ISA_FLAGS := -static -nostdlib -nostartfiles $(GUEST_ARCH) -O2 -I testsuite/isa
GUEST_C_FLAGS := -static -O2 $(GUEST_ARCH)
ISA_ELFS := $(patsubst testsuite/isa/%,$(GUEST)/isa/%.elf,$(basename $(wildcard testsuite/isa/*.S testsuite/isa/*.c)))
FAULT_ELFS := $(patsubst testsuite/faults/%.S,$(GUEST)/faults/%.elf,$(wildcard testsuite/faults/*.S))
DEMO_ELFS := $(patsubst testsuite/demo/%.c,$(GUEST)/demo/%.elf,$(wildcard testsuite/demo/*.c)) \
             $(patsubst testsuite/demo/%.S,$(GUEST)/demo/%.elf,$(wildcard testsuite/demo/*.S))
GDB_ELFS := $(patsubst testsuite/gdb/%.c,$(GUEST)/gdb/%.elf,$(wildcard testsuite/gdb/*.c)) \
            $(patsubst testsuite/gdb/%.S,$(GUEST)/gdb/%.elf,$(wildcard testsuite/gdb/*.S))
PROGRAM_ELFS := $(patsubst testsuite/programs/%.c,$(GUEST)/programs/%.elf,$(wildcard testsuite/programs/*.c))
# guests that attack rvdbt itself (testsuite/hostile/): checked by what they must not reach
HOSTILE_ELFS := $(patsubst testsuite/hostile/%.c,$(GUEST)/hostile/%.elf,$(wildcard testsuite/hostile/*.c))

# a C program compiled for RVA23's bit-manipulation extensions (testsuite/programs/bitmanip.c)
$(GUEST)/programs/bitmanip.elf: GUEST_C_FLAGS = -static -O2 -march=rv64gc_zba_zbb_zbs -mabi=lp64d
# what --cpu shows the guest (testsuite/tests/62-extensions.sh)
CPUOPT_ELFS := $(patsubst testsuite/cpuopt/%.c,$(GUEST)/cpuopt/%.elf,$(wildcard testsuite/cpuopt/*.c))
$(GUEST)/cpuopt/%.elf: testsuite/cpuopt/%.c
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_C_FLAGS) -o $@ $<

$(GUEST)/isa/%.elf: testsuite/isa/%.S $(wildcard testsuite/isa/*.h)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_ISA_FLAGS) -o $@ $<
$(GUEST)/isa/%.elf: testsuite/isa/%.c $(wildcard testsuite/isa/*.h)
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_ISA_FLAGS) -o $@ $<
$(GUEST)/faults/%.elf: testsuite/faults/%.S
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_ISA_FLAGS) -o $@ $<
$(GUEST)/demo/%.elf: testsuite/demo/%.c
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_C_FLAGS) -o $@ $<
$(GUEST)/demo/%.elf: testsuite/demo/%.S
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_ISA_FLAGS) -o $@ $<
$(GUEST)/programs/%.elf: testsuite/programs/%.c
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_C_FLAGS) -o $@ $< -lm
$(GUEST)/hostile/%.elf: testsuite/hostile/%.c
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_C_FLAGS) -o $@ $<

# programs the GDB stub tests debug: -O0 -g, so variables are where GDB looks
$(GUEST)/gdb/%.elf: testsuite/gdb/%.c
	@mkdir -p $(dir $@)
	$(GUEST_CC) -static -O0 -g $(GUEST_ARCH) -o $@ $<
$(GUEST)/gdb/%.elf: testsuite/gdb/%.S
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_ISA_FLAGS) -o $@ $<
# ---- bare-metal system-mode test programs ------------------------------------
# testsuite/system/*.c, each linked with the small runtime in testsuite/system/rt
# (entry, trap entry points, console) at 0x80000000: run with
# `rvdbt system -bios none -kernel X.elf` and qemu-system-riscv64 -M virt -bios none.
SYS_CC := riscv64-unknown-elf-gcc
SYS_FLAGS := $(GUEST_ARCH) -mcmodel=medany -O2 -ffreestanding -nostdlib -static \
             -fno-builtin -Wall -Wextra -Werror -Wl,--no-warn-rwx-segments -I testsuite/system/rt -T testsuite/system/rt/link.ld
SYS_RT := testsuite/system/rt/start.S testsuite/system/rt/rt.c
SYS_RT_HEADERS := $(wildcard testsuite/system/rt/*.h)
SYSTEM_ELFS := $(patsubst testsuite/system/%.c,$(GUEST)/system/%.elf,$(wildcard testsuite/system/*.c)) \
               $(patsubst testsuite/system/gdb/%.c,$(GUEST)/system/gdb/%.elf,$(wildcard testsuite/system/gdb/*.c))

# The guest ISA suite (testsuite/isa/*.S) again, for system mode: each test built twice
# with the bare-metal toolchain, *.p.elf (the body in M mode, physical addresses) and
# *.v.elf (in U mode under Sv39); see "system mode" in testsuite/isa/test_macros.h.
ISA_SYS_SRCS := $(filter-out testsuite/isa/fault_%,$(wildcard testsuite/isa/*.S))
ISA_SYS_ELFS := $(patsubst testsuite/isa/%.S,$(GUEST)/isa-sys/%.p.elf,$(ISA_SYS_SRCS)) \
                $(patsubst testsuite/isa/%.S,$(GUEST)/isa-sys/%.v.elf,$(ISA_SYS_SRCS))
ISA_SYS_FLAGS := $(GUEST_ARCH) -nostdlib -static -Wl,--no-warn-rwx-segments -I testsuite/isa \
                 -T testsuite/system/rt/link.ld
$(GUEST)/isa-sys/%.p.elf: testsuite/isa/%.S $(wildcard testsuite/isa/*.h) testsuite/system/rt/link.ld
	@mkdir -p $(dir $@)
	$(SYS_CC) $(ISA_SYS_FLAGS) -DRVDBT_SYSTEM=1 -o $@ $<
$(GUEST)/isa-sys/%.v.elf: testsuite/isa/%.S $(wildcard testsuite/isa/*.h) testsuite/system/rt/link.ld
	@mkdir -p $(dir $@)
	$(SYS_CC) $(ISA_SYS_FLAGS) -DRVDBT_SYSTEM=2 -o $@ $<

# Framebuffer demos (testsuite/demo/fb/*.c with fbrt.c and the same runtime), to build/demos:
# rvdbt system -bios none -kernel build/demos/mandelbrot.elf
FB_DEMO_RT := testsuite/demo/fb/fbrt.c testsuite/demo/fb/fbrt.h
FB_DEMOS := $(patsubst testsuite/demo/fb/%.c,build/demos/%.elf,$(filter-out %/fbrt.c,$(wildcard testsuite/demo/fb/*.c)))
build/demos/%.elf: testsuite/demo/fb/%.c $(FB_DEMO_RT) $(SYS_RT) $(SYS_RT_HEADERS) testsuite/system/rt/link.ld
	@mkdir -p $(dir $@)
	$(SYS_CC) $(SYS_FLAGS) -I testsuite/demo/fb -o $@ $(SYS_RT) testsuite/demo/fb/fbrt.c $<

# S-mode payloads for OpenSBI: flat binaries for 0x80200000 (as -kernel Image)
SYSTEM_PAYLOADS := $(patsubst testsuite/system/payload/%.S,$(GUEST)/system/payload/%.bin,$(wildcard testsuite/system/payload/*.S))
$(GUEST)/system/payload/%.bin: testsuite/system/payload/%.S
	@mkdir -p $(dir $@)
	$(SYS_CC) $(GUEST_ARCH) -nostdlib -static -Wl,-Ttext=0x80200000 -Wl,--no-warn-rwx-segments -o $(@:.bin=.elf) $<
	riscv64-unknown-elf-objcopy -O binary $(@:.bin=.elf) $@

$(GUEST)/system/%.elf: testsuite/system/%.c $(SYS_RT) $(SYS_RT_HEADERS) testsuite/system/rt/link.ld
	@mkdir -p $(dir $@)
	$(SYS_CC) $(SYS_FLAGS) -o $@ $(SYS_RT) $<
# the program the system-mode GDB test debugs: -O0 -g, so variables are where GDB looks
$(GUEST)/system/gdb/%.elf: testsuite/system/gdb/%.c $(SYS_RT) $(SYS_RT_HEADERS) testsuite/system/rt/link.ld
	@mkdir -p $(dir $@)
	$(SYS_CC) $(SYS_FLAGS) -O0 -g -o $@ $(SYS_RT) $<

# ---- user-mode guest programs ------------------------------------------------
# testsuite/usermode/*.c, each built static (-static), dynamic (default linking:
# a PIE with the dynamic loader; run with -L /usr/riscv64-linux-gnu or the
# fetched Debian sysroot).  (No static-pie: Debian 12's riscv64 glibc has no rcrt1.o.)
USERMODE_SRCS := $(wildcard testsuite/usermode/*.c)
USERMODE_FLAGS := -O2 $(GUEST_ARCH)
USERMODE_ELFS := $(patsubst testsuite/usermode/%.c,$(GUEST)/usermode/%.static.elf,$(USERMODE_SRCS)) \
                 $(patsubst testsuite/usermode/%.c,$(GUEST)/usermode/%.dynamic.elf,$(USERMODE_SRCS))

$(GUEST)/usermode/%.static.elf: testsuite/usermode/%.c
	@mkdir -p $(dir $@)
	$(GUEST_CC) -static $(USERMODE_FLAGS) -o $@ $<
$(GUEST)/usermode/%.dynamic.elf: testsuite/usermode/%.c
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(USERMODE_FLAGS) -o $@ $<
# C++ programs (std::thread and friends): g++-riscv64-linux-gnu
USERMODE_CXX_SRCS := $(wildcard testsuite/usermode/*.cpp)
USERMODE_ELFS += $(patsubst testsuite/usermode/%.cpp,$(GUEST)/usermode/%.static.elf,$(USERMODE_CXX_SRCS)) \
                 $(patsubst testsuite/usermode/%.cpp,$(GUEST)/usermode/%.dynamic.elf,$(USERMODE_CXX_SRCS))
$(GUEST)/usermode/%.static.elf: testsuite/usermode/%.cpp
	@mkdir -p $(dir $@)
	riscv64-linux-gnu-g++ -std=c++20 -static $(USERMODE_FLAGS) -o $@ $<
$(GUEST)/usermode/%.dynamic.elf: testsuite/usermode/%.cpp
	@mkdir -p $(dir $@)
	riscv64-linux-gnu-g++ -std=c++20 $(USERMODE_FLAGS) -o $@ $<

# Go programs for linux/riscv64 (testsuite/usermode/go/), when Debian's golang-go is
# installed (Go 1.19 cross-compiles with GOARCH=riscv64, no cgo: a static binary).
# Without go the tests skip and say so.
GO := $(shell command -v go 2>/dev/null)
ifneq ($(GO),)
GO_ELFS := $(patsubst testsuite/usermode/go/%.go,$(GUEST)/usermode/go/%.elf,$(wildcard testsuite/usermode/go/*.go))
$(GUEST)/usermode/go/%.elf: testsuite/usermode/go/%.go
	@mkdir -p $(dir $@)
	GOOS=linux GOARCH=riscv64 CGO_ENABLED=0 GOCACHE=$(abspath $(GUEST))/gocache GO111MODULE=off $(GO) build -o $@ $<
endif

# Real riscv64 Debian programs (busybox, lua, sqlite3) for the user-mode tests,
# fetched into build/guests (git-ignored).  Without network the tests skip.
fetch-guests:
	@testsuite/fetch-guests.sh || echo "fetch-guests: continuing without them (the tests that need them will be skipped)"

# ---- tests, demo, benchmarks -----------------------------------------------
check-deps:
	@testsuite/install-deps.sh

test-build: $(BUILD)/rvdbt $(UNIT_BINS) $(FUZZ_BIN) $(FUZZ_ELF_BIN) $(ISA_ELFS) $(CPUOPT_ELFS) $(FAULT_ELFS) $(DEMO_ELFS) $(PROGRAM_ELFS) $(HOSTILE_ELFS) $(GDB_ELFS) $(USERMODE_ELFS) $(GO_ELFS) $(SYSTEM_ELFS) $(SYSTEM_PAYLOADS) $(FB_DEMOS) $(ISA_SYS_ELFS)

# Under SANITIZE=thread, make test runs the thread-focused selection the README
# describes ("ThreadSanitizer"): the whole suite under TSan takes hours on 2 cores.
TSAN_TESTS := 60-user-mode 85-gdb-trace
test: check-deps
ifeq ($(SANITIZE),thread)
	@$(MAKE) --no-print-directory $(BUILD)/rvdbt $(USERMODE_ELFS) $(GO_ELFS) $(GDB_ELFS)
	@RVDBT_THREADS_ONLY=1 TESTS='$(TSAN_TESTS)' testsuite/run-tests.sh $(BUILD) $(GUEST)
else
	@$(MAKE) --no-print-directory test-build fetch-guests
	@testsuite/run-tests.sh $(BUILD) $(GUEST)
endif

demo: check-deps
	@$(MAKE) --no-print-directory $(BUILD)/rvdbt $(GUEST)/demo/primes.elf $(FB_DEMOS)
	@testsuite/demo/run-demo.sh $(BUILD)/rvdbt $(GUEST)/demo/primes.elf 5000000
	@echo
	@testsuite/demo/run-fb-demo.sh $(BUILD)/rvdbt build/demos/mandelbrot.elf

# make fuzz FUZZ_ROUNDS=N FUZZ_SEED=S: the differential fuzzer at length (default 2 million
# sequences), then the ELF loader under libFuzzer (make fuzz-elf) when clang is installed
FUZZ_ROUNDS ?= 2000000
fuzz: check-deps
	@$(MAKE) --no-print-directory $(FUZZ_BIN)
	$(FUZZ_BIN) $(FUZZ_ROUNDS) $${FUZZ_SEED:-$$(date +%s)}
	@if command -v clang >/dev/null; then $(MAKE) --no-print-directory fuzz-elf; \
	 else echo "fuzz: ELF-loader fuzzing SKIPPED: needs clang and libclang-rt-14-dev (apt-get install -y clang libclang-rt-14-dev)"; fi

# make fuzz-elf FUZZ_ELF_SECONDS=N: libFuzzer (clang) on the ELF loader, from the corpus.
# The fuzz target links the whole library, built again by clang with the sanitizers in
# build/fuzz-elf/obj (the same source list as librvdbt.a, so it cannot miss a file the
# loader comes to need); only the loader's files carry libFuzzer's coverage hooks (in
# the MMU's page loops they cost 20x).  make test builds it and runs it for 30 s.
FUZZ_ELF_SECONDS ?= 60
FUZZ_ELF_DIR := build/fuzz-elf
FUZZ_ELF_LIBFUZZER := $(FUZZ_ELF_DIR)/fuzz_elf
# (a prerequisite of test-build here, where it is defined: make expands a rule's
# prerequisites when it reads the rule)
test-build: $(FUZZ_ELF_LIBFUZZER)
FUZZ_ELF_CFLAGS := -std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Werror -I. \
                   $(shell pkg-config --cflags sdl2 libpng slirp) -fno-omit-frame-pointer
FUZZ_ELF_COVERED := frontends/common/elf_loader.c frontends/common/file_read.c
FUZZ_ELF_SAN := -fsanitize=address,undefined
$(FUZZ_ELF_COVERED:%.c=$(FUZZ_ELF_DIR)/obj/%.o): FUZZ_ELF_SAN := -fsanitize=fuzzer-no-link,address,undefined
$(FUZZ_ELF_DIR)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	clang $(FUZZ_ELF_CFLAGS) -MMD -MP $(FUZZ_ELF_SAN) -c -o $@ $<
$(FUZZ_ELF_LIBFUZZER): testsuite/fuzz/fuzz_elf.c $(LIB_SRCS:%.c=$(FUZZ_ELF_DIR)/obj/%.o)
	clang $(FUZZ_ELF_CFLAGS) -fsanitize=fuzzer,address,undefined -o $@ $(filter %.c %.o,$^) $(LDLIBS)
# test-build needs it too (when clang is there).  Said here, not in test-build's own
# rule: make expands a rule's prerequisites as it reads them, and above this file
# FUZZ_ELF_LIBFUZZER was still empty, so make test never built the fuzzer.
ifneq ($(shell command -v clang),)
test-build: $(FUZZ_ELF_LIBFUZZER)
endif
fuzz-elf:
	@command -v clang >/dev/null || { echo "fuzz-elf needs clang and libclang-rt-14-dev: apt-get install -y clang libclang-rt-14-dev"; exit 1; }
	@$(MAKE) --no-print-directory $(FUZZ_ELF_LIBFUZZER)
	@mkdir -p $(FUZZ_ELF_DIR)/corpus
	@for f in testsuite/fuzz/elf-corpus/*.hex; do \
	  python3 -c 'import sys; sys.stdout.buffer.write(bytes.fromhex(open(sys.argv[1]).read()))' $$f \
	    >$(FUZZ_ELF_DIR)/corpus/$$(basename $$f .hex); done
	$(FUZZ_ELF_LIBFUZZER) -max_total_time=$(FUZZ_ELF_SECONDS) -rss_limit_mb=4096 -artifact_prefix=$(FUZZ_ELF_DIR)/ $(FUZZ_ELF_DIR)/corpus

# Each script adds its figures to $(BENCH_SUMMARY); the last table gathers them.
BENCH_SUMMARY = $(CURDIR)/build/bench/summary.txt
bench: export BENCH_SUMMARY := $(BENCH_SUMMARY)
bench: check-deps
	@$(MAKE) --no-print-directory $(BUILD)/rvdbt
	@mkdir -p build/bench && rm -f $(BENCH_SUMMARY)
	@testsuite/bench/run-bench.sh $(BUILD)/rvdbt build
	@testsuite/bench/run-thread-bench.sh $(BUILD)/rvdbt build
	@$(MAKE) --no-print-directory fetch-guests
	@testsuite/bench/run-real-bench.sh $(BUILD)/rvdbt build
	@testsuite/fetch-guests.sh $(CURDIR)/build/shells libc6 dash bash || echo "bench: no riscv64 dash and bash (their rows are left out)"
	@testsuite/bench/run-proc-bench.sh $(BUILD)/rvdbt build
	@testsuite/bench/linux-boot.sh $(BUILD)/rvdbt 3 1 || echo "bench: Linux boot skipped (see above)"
	@echo; echo "== make bench in one table: the performance issue's rows, from the tables above"
	@testsuite/bench/summary.sh $(BENCH_SUMMARY)

# CPython's own regression tests (Debian's riscv64 libpython3.13-testsuite) under
# rvdbt and qemu-riscv64, with a table of the counts (not part of `make test`:
# it takes an hour or more).  PYTEST_TIMEOUT=600 per module; MODULES="test_os ..."
pytest-guest: $(BUILD)/rvdbt
	@RVDBT=$(abspath $(BUILD)/rvdbt) testsuite/pytest-guest.sh $(MODULES)

system-tests: $(BUILD)/rvdbt $(SYSTEM_ELFS) $(SYSTEM_PAYLOADS) $(ISA_SYS_ELFS)

# Debian's stress-ng (riscv64, trixie) running ~90 system-call stressors under rvdbt,
# one at a time (testsuite/stress/run-stress-ng.sh); not part of `make test`.
# stress-ng's GPU libraries (mesa, LLVM) are only dlopened: not fetched.
stress-guest: $(BUILD)/rvdbt
	@FETCH_SKIP="libllvm19 mesa-libgallium libz3-4" testsuite/fetch-guests.sh $(CURDIR)/build/stress-ng libc6 stress-ng
	@testsuite/stress/run-stress-ng.sh $(BUILD)/rvdbt

# Host instructions per guest instruction under callgrind (load-independent):
# the four C programs and lua5.4; FLAGS="--engine=jit --no-fp-writeback" etc.
bench-callgrind: check-deps
	@$(MAKE) --no-print-directory $(BUILD)/rvdbt
	@mkdir -p build/bench
	@testsuite/bench/run-callgrind.sh $(BUILD)/rvdbt build $${SCALE:-10} $(FLAGS)

bench-linux: check-deps
	@$(MAKE) --no-print-directory $(BUILD)/rvdbt
	@testsuite/bench/linux-boot.sh $(BUILD)/rvdbt $${RUNS:-1} $${LOGIN_RUNS:-}

# Debian trixie with systemd on a virtio disk and slirp's network, interactively
# (log in as root, password rvdbt; `poweroff` ends it).  The image is used with
# -snapshot, so it stays as built; two harts (SMP=1 for one).
boot-debian: $(BUILD)/rvdbt
	@testsuite/fetch-debian-rootfs.sh build/debian
	$(BUILD)/rvdbt system -smp $${SMP:-2} -m 512M -bios build/linux/fw_dynamic.bin -kernel build/linux/Image \
	  -initrd build/debian/initrd.cpio.gz -append "root=/dev/vda rw console=ttyS0" \
	  -drive file=build/debian/debian.img,format=raw,if=virtio -snapshot \
	  -netdev user,id=n0 -device virtio-net-device,netdev=n0 -device virtio-rng-device

clean:
	rm -rf build

# The diagrams of docs/tour.md and docs/architecture.md, drawn by Graphviz from their
# text sources: docs/diagrams/NAME.dot -> NAME.svg (the SVGs are committed, so the docs
# show them without Graphviz; DIAGRAM_DIR=elsewhere draws them there instead).
DIAGRAM_DIR ?= docs/diagrams
DIAGRAM_SRCS := $(wildcard docs/diagrams/*.dot)
DIAGRAMS := $(patsubst docs/diagrams/%.dot,$(DIAGRAM_DIR)/%.svg,$(DIAGRAM_SRCS))
diagrams: $(DIAGRAMS)
$(DIAGRAM_DIR)/%.svg: docs/diagrams/%.dot
	@command -v dot >/dev/null || { echo "make diagrams needs Graphviz's dot: apt-get install graphviz" >&2; exit 1; }
	@mkdir -p $(dir $@)
	dot -Tsvg -o $@ $<

PREFIX ?= /usr/local
install: $(BUILD)/rvdbt
	install -D -m 755 $(BUILD)/rvdbt $(DESTDIR)$(PREFIX)/bin/rvdbt
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/rvdbt

# the student labs' targets: make lab1-check, make lab3-measure, make lab3-check
include docs/labs/labs.mk

# (not inside a fetched Debian sysroot: CPython's test suite ships DTrace scripts named *.d)
-include $(shell find build -name sysroot -prune -o -type f -name '*.d' -print 2>/dev/null)
