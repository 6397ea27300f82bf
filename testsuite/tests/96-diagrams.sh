# testsuite/tests/96-diagrams.sh — the diagrams of docs/tour.md and docs/architecture.md:
# `make diagrams` draws every docs/diagrams/*.dot into an SVG (here into a scratch
# directory, DIAGRAM_DIR), each a valid SVG carrying its title; and every diagram the
# docs show has its text source, and is drawn from it (docs/diagrams/NAME.svg next to
# NAME.dot).  Without Graphviz's dot the drawing is skipped, and says so.
if ! command -v dot >/dev/null; then
  skip "diagrams/make diagrams" "Graphviz's dot not installed (apt-get install graphviz)"
else
  run_limited 120 make --no-print-directory diagrams DIAGRAM_DIR="$TMP/diagrams"
  n_src=$(ls docs/diagrams/*.dot 2>/dev/null | wc -l)
  bad=""
  for src in docs/diagrams/*.dot; do
    name=$(basename "$src" .dot)
    title=$(sed -n 's/^ *label="\(.*\)";$/\1/p' "$src" | head -1)
    python3 -c 'import sys, html, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot()
texts = " ".join(t.text or "" for t in r.iter() if t.tag.endswith("text"))
sys.exit(not (r.tag.endswith("svg") and html.unescape(sys.argv[2]) in texts))' "$TMP/diagrams/$name.svg" "$title" 2>/dev/null ||
      bad="$bad $name"
  done
  if [ "$rc" = 0 ] && [ "$n_src" -ge 4 ] && [ -z "$bad" ]; then
    pass "diagrams/make diagrams ($n_src diagrams drawn, each a valid SVG with its title)"
  else
    fail "diagrams/make diagrams" "status $rc, $n_src sources; not drawn or without their title:$bad; ${err:0:300}"
  fi
fi
# every diagram the docs link to has its .dot source and its drawn .svg in the tree
missing=""
refs=$(grep -ohE 'diagrams/[a-z_]+\.svg' docs/tour.md docs/architecture.md | sort -u)
for ref in $refs; do
  [ -f "docs/${ref%.svg}.dot" ] && [ -f "docs/$ref" ] || missing="$missing $ref"
done
for want in dispatcher code_cache chained_exit host_mmu_fault; do
  grep -q "diagrams/$want.svg" docs/tour.md docs/architecture.md || missing="$missing (no link to $want)"
done
if [ -n "$refs" ] && [ -z "$missing" ]; then
  pass "diagrams/docs link only drawn diagrams ($(echo $refs | wc -w) linked)"
else
  fail "diagrams/docs links" "missing:$missing"
fi
