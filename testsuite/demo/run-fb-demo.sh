#!/usr/bin/env bash
# testsuite/demo/run-fb-demo.sh — the second half of `make demo`: the Mandelbrot zoom
# on the system machine's framebuffer.  In a window when DISPLAY is set (close it, or
# wait SECONDS), headless otherwise, with a screenshot; then the same N frames under
# the interpreter and the translator, and one line comparing their frame rates.
# Usage: run-fb-demo.sh RVDBT MANDELBROT_ELF [SECONDS] [N]
set -eu
RVDBT=$1 DEMO=$2 SECS=${3:-8} N=${4:-6}
SHOT=$(dirname "$DEMO")/mandelbrot.png
if [ -n "${DISPLAY:-}" ]; then
  echo "== rvdbt system -bios none -kernel $DEMO --run-for $SECS        (a window: close it to stop early)"
  "$RVDBT" system -bios none -kernel "$DEMO" --run-for "$SECS" --screenshot "$SHOT"
else
  echo "== rvdbt system -display none -bios none -kernel $DEMO --run-for 3 --screenshot $SHOT        (no DISPLAY: headless)"
  "$RVDBT" system -display none -bios none -kernel "$DEMO" --run-for 3 --screenshot "$SHOT"
fi
echo "screenshot of the last frame: $SHOT"
echo
fps() { sed -n 's/.* ms, \([0-9.]*\) frames\/s.*/\1/p'; }
echo "== rvdbt system -display none -bios none -kernel $DEMO -append frames=$N --engine=interp|jit"
T=${TMPDIR:-/tmp}
out_i=$("$RVDBT" system -display none -bios none -kernel "$DEMO" -append "frames=$N" --engine=interp --screenshot "$T/rvdbt-fb-i.png" | tail -1)
out_j=$("$RVDBT" system -display none -bios none -kernel "$DEMO" -append "frames=$N" --engine=jit --screenshot "$T/rvdbt-fb-j.png" | tail -1)
echo "interpreter: $out_i"
echo "translator:  $out_j"
same="same pixels"
cmp -s "$T/rvdbt-fb-i.png" "$T/rvdbt-fb-j.png" || same="DIFFERENT PIXELS"
rm -f "$T/rvdbt-fb-i.png" "$T/rvdbt-fb-j.png"
awk -v i="$(echo "$out_i" | fps)" -v j="$(echo "$out_j" | fps)" -v same="$same" 'BEGIN { printf "== same %d frames, " same ": interpreter %.2f frames/s, translator %.2f frames/s: the translator is %.1fx faster\n", '"$N"', i, j, (i > 0 ? j / i : 0) }'
