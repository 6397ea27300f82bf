# testsuite/tests/82-framebuffer.sh — the framebuffer, the key device and the SDL window.
#
# Headless (-display none): the Mandelbrot demo's --screenshot is checked pixel by
# pixel against values testsuite/framebuffer/fbcheck.py computes on the host; the
# paint demo takes UART input by interrupt.  Then a real window under Xvfb: the
# emulator's screenshot and the X server's own (xwd -root) both show the right
# frame, keys sent with xdotool reach the guest through the key device and the
# UART, and closing the window ends the run.  Then bad input.
DEMOS=build/demos
FBCHECK="python3 testsuite/framebuffer/fbcheck.py"

if [ ! -e "$DEMOS/mandelbrot.elf" ] || [ ! -e "$DEMOS/paint.elf" ]; then
  skip "framebuffer/*" "demos not built (riscv64-unknown-elf-gcc missing?)"
elif ! command -v python3 >/dev/null; then
  skip "framebuffer/*" "python3 not installed (it checks the pixels)"
else
  # Frame N of the zoom, under each engine: the guest renders N+1 frames and powers off.
  for cfg in "--engine=interp:1" "--engine=jit:1" "--engine=jit:12" "--engine=jit --no-tiering --no-inline-tlb:3" "--engine=check:1"; do
    eng=${cfg%:*} frames=${cfg##*:}
    rm -f "$TMP/m.png"
    # shellcheck disable=SC2086
    run_limited 30 "$RVDBT" system -display none -bios none -kernel "$DEMOS/mandelbrot.elf" -append "frames=$frames" \
      --screenshot "$TMP/m.png" $eng
    if [ "$rc" != 0 ] || [[ "$out" != *"640x480 framebuffer at 0x0000000028000000"* ]]; then
      fail "framebuffer/mandelbrot headless ($eng, $frames frames)" "exit $rc: ${out:0:200} ${err:0:200}"
    elif r=$($FBCHECK mandel "$TMP/m.png" $((frames - 1)) 2>&1); then
      pass "framebuffer/mandelbrot headless screenshot ($eng, frame $((frames - 1))): $r"
    else
      fail "framebuffer/mandelbrot headless screenshot ($eng, frame $((frames - 1)))" "$r"
    fi
  done

  # -fb: the demo finds the size in the device tree, the screenshot has it.
  run_limited 30 "$RVDBT" system -display none -fb 320x200 -bios none -kernel "$DEMOS/mandelbrot.elf" -append frames=1 \
    --screenshot "$TMP/small.png"
  size=$($FBCHECK size "$TMP/small.png" 2>&1)
  if [ "$rc" = 0 ] && [[ "$out" == *"320x200 framebuffer"* ]] && [ "$size" = "320 200" ]; then pass "framebuffer/-fb 320x200 (device tree, screenshot size)"
  else fail "framebuffer/-fb 320x200" "exit $rc, size '$size': ${out:0:200} ${err:0:200}"; fi

  # --run-for ends a guest that never stops, with status 0, and the screenshot is of the moment it ended.
  t0=$(date +%s%N)
  run_limited 20 "$RVDBT" system -display none -bios none -kernel "$DEMOS/mandelbrot.elf" --run-for 1.5 --screenshot "$TMP/rf.png"
  ms=$((($(date +%s%N) - t0) / 1000000))
  colours=$(python3 -c "
import sys; sys.path.insert(0, 'testsuite/framebuffer'); import fbcheck
w, h, pix = fbcheck.read_png('$TMP/rf.png'); print(len({pix(x, y) for y in range(0, h, 8) for x in range(0, w, 8)}))" 2>&1)
  if [ "$rc" = 0 ] && [ "$ms" -ge 1400 ] && [ "$ms" -lt 8000 ] && [ "${colours:-0}" -gt 8 ] 2>/dev/null; then
    pass "framebuffer/--run-for 1.5 ends the run (${ms} ms, status 0, screenshot with $colours colours)"
  else fail "framebuffer/--run-for 1.5" "exit $rc after ${ms} ms, colours '$colours': ${err:0:200}"; fi

  # Headless paint: bytes on stdin reach the guest by UART interrupts through the PLIC.
  r=$(printf 'hi' | timeout -k 5 20 "$RVDBT" system -display none -bios none -kernel "$DEMOS/paint.elf" --run-for 1.5 2>&1); s=$?
  if [ "$s" = 0 ] && [[ "$r" == *"paint: ready"*"uart 0x68"*"uart 0x69"* ]]; then pass "framebuffer/paint headless: UART input by interrupt"
  else fail "framebuffer/paint headless" "exit $s: ${r:0:300}"; fi

  # A real window under Xvfb.
  if ! command -v Xvfb >/dev/null || ! command -v xwd >/dev/null || ! command -v xdotool >/dev/null; then
    skip "framebuffer/SDL window under Xvfb" "needs Xvfb, xwd and xdotool (packages xvfb x11-apps xdotool)"
  else
    xdisp=""
    for n in $(seq $((100 + RANDOM % 300)) 20 499); do
      [ -e "/tmp/.X11-unix/X$n" ] || [ -e "/tmp/.X$n-lock" ] && continue
      Xvfb ":$n" -screen 0 1024x768x24 -nolisten tcp >/dev/null 2>&1 &
      xpid=$!
      for _ in $(seq 50); do [ -e "/tmp/.X11-unix/X$n" ] && break; sleep 0.1; done
      if [ -e "/tmp/.X11-unix/X$n" ] && kill -0 "$xpid" 2>/dev/null; then xdisp=":$n"; break; fi
      # 3. Closing the window (the window manager's WM_DELETE_WINDOW) ends a guest that never stops.
      { DISPLAY=$xdisp timeout -k 5 20 "$RVDBT" system -bios none -kernel "$DEMOS/mandelbrot.elf" --run-for 15 \
          >/dev/null 2>"$TMP/close.err"; echo $? >"$TMP/close.rc"; } &
      rpid=$!
      wid=$(find_window mandelbrot.elf)
      t0=$(date +%s%N)
      [ -n "$wid" ] && DISPLAY=$xdisp python3 testsuite/framebuffer/xclose.py "$wid"
      wait "$rpid"
      ms=$((($(date +%s%N) - t0) / 1000000))
      if [ -n "$wid" ] && [ "$(cat "$TMP/close.rc")" = 0 ] && [ "$ms" -lt 5000 ]; then
        pass "framebuffer/closing the window ends the run (status 0, ${ms} ms after the close)"
      else fail "framebuffer/closing the window" "window '$wid', status $(cat "$TMP/close.rc") after ${ms} ms: $(head -c 200 "$TMP/close.err")"; fi

      kill "$xpid" 2>/dev/null; wait "$xpid" 2>/dev/null
    done
    if [ -z "$xdisp" ]; then
      skip "framebuffer/SDL window under Xvfb" "Xvfb did not start"
    else
      # The window of a rvdbt started in the background: its id, once mapped (empty after 10 s).
      find_window() { DISPLAY=$xdisp timeout 10 xdotool search --sync --onlyvisible --name "^rvdbt: $1" 2>/dev/null | head -1; }

      # 1. Mandelbrot frame 2 held on screen: the X server's pixels and the emulator's screenshot.
      { ( cd "$TMP" && DISPLAY=$xdisp timeout -k 5 20 "$TOP/$RVDBT" system -bios none -kernel "$TOP/$DEMOS/mandelbrot.elf" \
          -append "frames=3 hold" --run-for 4 --screenshot "$TMP/win.png" >"$TMP/win.out" 2>"$TMP/win.err" ); echo $? >"$TMP/win.rc"; } &
      rpid=$!
      wid=$(find_window mandelbrot.elf)
      if [ -z "$wid" ]; then
        fail "framebuffer/SDL window opens" "no window named 'rvdbt: mandelbrot.elf': $(cat "$TMP/win.err")"
      else
        r="" WIDTH="" HEIGHT="" X="" Y=""
        sleep 1 # frames 0-2 take a few ms; then the next 60 Hz refresh shows frame 2
        eval "$(DISPLAY=$xdisp xdotool getwindowgeometry --shell "$wid")"
        DISPLAY=$xdisp xwd -root -silent >"$TMP/root.xwd"
        if [ "$WIDTH" = 640 ] && [ "$HEIGHT" = 480 ] && r=$($FBCHECK mandel "$TMP/root.xwd" 2 "$X" "$Y" 2>&1); then
          pass "framebuffer/SDL window: the X server shows frame 2 at $X,$Y: $r"
        else fail "framebuffer/SDL window: X server pixels" "window ${WIDTH}x${HEIGHT} at $X,$Y: $r"; fi
      fi
      wait "$rpid"
      if [ "$(cat "$TMP/win.rc")" = 0 ] && r=$($FBCHECK mandel "$TMP/win.png" 2 2>&1); then
        pass "framebuffer/SDL window: --run-for ends it, --screenshot shows frame 2: $r"
      else fail "framebuffer/SDL window: --screenshot" "exit $(cat "$TMP/win.rc"): $r $(head -c 300 "$TMP/win.err")"; fi

      # 2. Keys typed in the window: the key device and the UART; F12 screenshot; q powers off.
      mkdir -p "$TMP/keys"
      { ( cd "$TMP/keys" && DISPLAY=$xdisp timeout -k 5 20 "$TOP/$RVDBT" system -bios none -kernel "$TOP/$DEMOS/paint.elf" \
          --screenshot "$TMP/paint.png" >"$TMP/paint.out" 2>"$TMP/paint.err" ); echo $? >"$TMP/paint.rc"; } &
      rpid=$!
      wid=$(find_window paint.elf)
      if [ -z "$wid" ]; then
        fail "framebuffer/keys in the window" "no window: $(cat "$TMP/paint.err")"
      else
        for _ in $(seq 50); do grep -q "paint: ready" "$TMP/paint.out" && break; sleep 0.1; done
        DISPLAY=$xdisp xdotool windowfocus --sync "$wid"
        DISPLAY=$xdisp xdotool key Right Right 2 Down a
        sleep 0.6
        DISPLAY=$xdisp xdotool key F12
        for _ in $(seq 30); do [ -s "$TMP/keys/rvdbt-screenshot-1.png" ] && break; sleep 0.1; done
        sleep 0.3
        DISPLAY=$xdisp xdotool key q
      fi
      wait "$rpid"
      out=$(cat "$TMP/paint.out") r1="" r2="" r3="" r4="" r5="" r=
      if [[ "$out" == *"key 0x103 down"*"key 0x103 up"*"key 0x32 down"*"key 0x101 down"*"key 0x61 down"*"key 0x71 down"* ]]; then
        pass "framebuffer/xdotool keys reach the key device (presses and releases, arrows, letters)"
      else fail "framebuffer/keys reach the key device" "${out:0:400}"; fi
      if [[ "$out" == *"uart 0x1b"$'\n'"uart 0x5b"$'\n'"uart 0x43"*"uart 0x32"*"uart 0x61"* ]]; then
        pass "framebuffer/keys typed in the window reach the UART (arrows as ESC [ C)"
      else fail "framebuffer/keys reach the UART" "${out:0:400}"; fi
      # the brush starts white at [304,320)x[224,240), goes right twice, turns green there (2), down, then left (a)
      if [ "$(cat "$TMP/paint.rc")" = 0 ] && [[ "$out" == *"paint: bye"* ]] &&
         r1=$($FBCHECK pixel "$TMP/paint.png" 310 230 ffffff) && r2=$($FBCHECK pixel "$TMP/paint.png" 328 230 ffffff) && r6=$($FBCHECK pixel "$TMP/paint.png" 344 230 00ff00) &&
         r3=$($FBCHECK pixel "$TMP/paint.png" 344 248 00ff00) && r4=$($FBCHECK pixel "$TMP/paint.png" 328 248 00ff00) &&
         r5=$($FBCHECK pixel "$TMP/paint.png" 312 248 202020); then
        pass "framebuffer/paint: q powers off (status 0, window closed), screenshot shows the strokes"
      else fail "framebuffer/paint strokes" "exit $(cat "$TMP/paint.rc"): $r1 $r2 $r3 $r4 $r5 $(head -c 200 "$TMP/paint.err")"; fi
      if [ -e "$TMP/keys/rvdbt-screenshot-1.png" ] && r=$($FBCHECK pixel "$TMP/keys/rvdbt-screenshot-1.png" 330 252 00ff00) &&
         grep -q "screenshot written to rvdbt-screenshot-1.png" "$TMP/paint.err"; then
        pass "framebuffer/F12 writes a screenshot of the window: $r"
      else fail "framebuffer/F12 screenshot" "$r $(head -c 200 "$TMP/paint.err")"; fi

      # 3. Closing the window (the window manager's WM_DELETE_WINDOW) ends a guest that never stops.
      { DISPLAY=$xdisp timeout -k 5 20 "$RVDBT" system -bios none -kernel "$DEMOS/mandelbrot.elf" --run-for 15 \
          >/dev/null 2>"$TMP/close.err"; echo $? >"$TMP/close.rc"; } &
      rpid=$!
      wid=$(find_window mandelbrot.elf)
      t0=$(date +%s%N)
      [ -n "$wid" ] && DISPLAY=$xdisp python3 testsuite/framebuffer/xclose.py "$wid"
      wait "$rpid"
      ms=$((($(date +%s%N) - t0) / 1000000))
      if [ -n "$wid" ] && [ "$(cat "$TMP/close.rc")" = 0 ] && [ "$ms" -lt 5000 ]; then
        pass "framebuffer/closing the window ends the run (status 0, ${ms} ms after the close)"
      else fail "framebuffer/closing the window" "window '$wid', status $(cat "$TMP/close.rc") after ${ms} ms: $(head -c 200 "$TMP/close.err")"; fi

      kill "$xpid" 2>/dev/null; wait "$xpid" 2>/dev/null
    fi
  fi

  # Bad input: one line, non-zero status.
  m=$DEMOS/mandelbrot.elf
  expect_error framebuffer/bad-input/fb-too-small 2 "unsupported -fb size" "$RVDBT" system -display none -bios none -kernel "$m" -fb 8x8
  expect_error framebuffer/bad-input/fb-too-large 2 "unsupported -fb size" "$RVDBT" system -display none -bios none -kernel "$m" -fb 5000x5000
  expect_error framebuffer/bad-input/fb-not-a-size 2 "bad -fb size" "$RVDBT" system -display none -bios none -kernel "$m" -fb big
  expect_error framebuffer/bad-input/screenshot-unwritable 1 "cannot write screenshot" \
    "$RVDBT" system -display none -bios none -kernel "$m" --screenshot "$TMP/no/such/dir/x.png"
  expect_error framebuffer/bad-input/sdl-without-display 1 "cannot open a window" \
    env -u DISPLAY -u WAYLAND_DISPLAY "$RVDBT" system -display sdl -bios none -kernel "$m"
  expect_error framebuffer/bad-input/unknown-display 2 "unknown display" "$RVDBT" system -bios none -kernel "$m" -display vnc
  expect_error framebuffer/bad-input/bad-run-for 2 "bad --run-for" "$RVDBT" system -display none -bios none -kernel "$m" --run-for -3
fi
