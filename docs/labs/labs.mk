# docs/labs/labs.mk — the student labs' make targets (included by the top Makefile).
#
#   make lab1-check    lab 1: is Zbkb's pack/packh in the interpreter and the translator?
#   make lab2-check    lab 2: is there a Goldfish RTC on the machine's bus and in its device tree?
#   make lab3-measure  lab 3: host instructions executed per translator configuration
#   make lab3-check    lab 3: is docs/labs/lab3/results.txt complete and right?
#   make lab4-check    lab 4: does the system-mode MMU translate Sv48?
#   make lab5-check    lab 5: does the translator fuse lui+jalr into a direct exit?
#   make labs-check    every lab's checker, and the sum of their scores
#
# Every checker prints JSON (LAB_FORMAT=json) or JUnit XML (LAB_FORMAT=junit) for
# graders instead of its text; docs/labs/checker-lib.sh is what they share.
#
# LAB3_PROGRAM (the program lab 3 measures) is read from the results file by
# the checker; lab3-measure takes it from the command line:
#   make lab3-measure LAB3_PROGRAM="build/guest/demo/primes.elf 1000000"

.PHONY: lab1-check lab2-check lab3-measure lab3-check lab4-check lab5-check labs-check

$(GUEST)/labs/lab1_pack.elf: docs/labs/lab1/lab1_pack.S
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_ISA_FLAGS) -o $@ $<

lab1-check: $(BUILD)/rvdbt $(GUEST)/labs/lab1_pack.elf
	@docs/labs/lab1/check.sh $(BUILD)/rvdbt $(GUEST)/labs/lab1_pack.elf

LAB3_PROGRAM ?= $(GUEST)/demo/primes.elf 1000000
lab3-measure: $(BUILD)/rvdbt $(GUEST)/demo/primes.elf
	@docs/labs/lab3/measure.sh $(BUILD)/rvdbt $(LAB3_PROGRAM)

lab3-check: $(BUILD)/rvdbt $(GUEST)/demo/primes.elf
	@docs/labs/lab3/check.sh $(BUILD)/rvdbt docs/labs/lab3/results.txt

# make test runs the labs' checkers (testsuite/tests/95-labs.sh) on this program
test-build: $(GUEST)/labs/lab1_pack.elf

# lab 2: the guest program is bare metal, built with the system tests' runtime
$(GUEST)/labs/lab2_rtc.elf: docs/labs/lab2/lab2_rtc.c $(SYS_RT) $(SYS_RT_HEADERS) testsuite/system/rt/link.ld
	@mkdir -p $(dir $@)
	$(SYS_CC) $(SYS_FLAGS) -o $@ $(SYS_RT) $<

lab2-check: $(BUILD)/rvdbt $(GUEST)/labs/lab2_rtc.elf
	@docs/labs/lab2/check.sh $(BUILD)/rvdbt $(GUEST)/labs/lab2_rtc.elf

test-build: $(GUEST)/labs/lab2_rtc.elf

# lab 4: Sv48 in the system-mode MMU; the guest program is bare metal
$(GUEST)/labs/lab4_sv48.elf: docs/labs/lab4/lab4_sv48.c $(SYS_RT) $(SYS_RT_HEADERS) testsuite/system/rt/link.ld
	@mkdir -p $(dir $@)
	$(SYS_CC) $(SYS_FLAGS) -o $@ $(SYS_RT) $<

lab4-check: $(BUILD)/rvdbt $(GUEST)/labs/lab4_sv48.elf
	@docs/labs/lab4/check.sh $(BUILD)/rvdbt $(GUEST)/labs/lab4_sv48.elf

test-build: $(GUEST)/labs/lab4_sv48.elf

# every lab, one after the other (a failing lab does not stop the next)
labs-check: $(BUILD)/rvdbt $(GUEST)/labs/lab1_pack.elf $(GUEST)/labs/lab2_rtc.elf $(GUEST)/labs/lab4_sv48.elf $(GUEST)/demo/primes.elf
	@docs/labs/check-all.sh $(BUILD)/rvdbt $(GUEST)

# lab 5: fuse lui+jalr in the translator; the guest program is user mode
$(GUEST)/labs/lab5_jumps.elf: docs/labs/lab5/lab5_jumps.S
	@mkdir -p $(dir $@)
	$(GUEST_CC) $(GUEST_ISA_FLAGS) -o $@ $<

lab5-check: $(BUILD)/rvdbt $(GUEST)/labs/lab5_jumps.elf
	@docs/labs/lab5/check.sh $(BUILD)/rvdbt $(GUEST)/labs/lab5_jumps.elf

test-build: $(GUEST)/labs/lab5_jumps.elf
labs-check: $(GUEST)/labs/lab5_jumps.elf
