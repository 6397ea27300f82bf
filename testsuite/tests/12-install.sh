# testsuite/tests/12-install.sh — `make install` puts rvdbt where PREFIX and DESTDIR say,
# the installed binary runs a guest, and `make uninstall` takes it away again.
inst=$TMP/install-root
run_limited 120 make -s --no-print-directory BUILD="$BUILD" install DESTDIR="$inst" PREFIX=/opt/rv
if [ "$rc" = 0 ] && [ -x "$inst/opt/rv/bin/rvdbt" ] && cmp -s "$inst/opt/rv/bin/rvdbt" "$RVDBT"; then
  run_limited 60 "$inst/opt/rv/bin/rvdbt" run "$GUEST/demo/primes.elf" 100
  if [ "$rc" = 0 ] && [[ "$out" == *"primes below 100: 25"* ]]; then pass "install/make install DESTDIR PREFIX (runs a guest)"
  else fail "install/make install DESTDIR PREFIX" "installed rvdbt: status $rc, out ${out:0:200} err ${err:0:200}"; fi
else
  fail "install/make install DESTDIR PREFIX" "status $rc: ${err:0:300}"
fi
run_limited 60 make -s --no-print-directory BUILD="$BUILD" uninstall DESTDIR="$inst" PREFIX=/opt/rv
if [ "$rc" = 0 ] && [ ! -e "$inst/opt/rv/bin/rvdbt" ]; then pass "install/make uninstall"
else fail "install/make uninstall" "status $rc: ${err:0:300}"; fi
