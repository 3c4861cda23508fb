#!/usr/bin/env bash
# Screenshot an HTML report with headless Chromium, offline, against a file:// URL only.
#
#   scripts/screenshot.sh [OUT.png] [WIDTHxHEIGHT]      # defaults: /tmp/c00_report.png 1280x2400
#   HTML=report.html scripts/screenshot.sh out.png      # a report made by `summarize --format html`
#
# Without HTML=, it renders the hand-made c00 sample report of the tests (tests/report_samples.py).
#
# Needs: the project's venv (or any Python with summarizer importable), `chromium` on PATH
# (Debian: apt-get install -y chromium), and ../shared/data/dev beside the checkout.
set -euo pipefail

out="${1:-/tmp/c00_report.png}"
size="${2:-1280x2400}"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python="${PYTHON:-$repo/.venv/bin/python}"
[[ -x "$python" ]] || python="python3"
command -v chromium >/dev/null || { echo "chromium not found on PATH (apt-get install -y chromium)" >&2; exit 1; }

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
html="$work/c00_report.html"

cd "$repo"
if [[ -n "${HTML:-}" ]]; then
  cp "$HTML" "$html"
else
PYTHONPATH="$repo/tests${PYTHONPATH:+:$PYTHONPATH}" "$python" -c '
import sys
from pathlib import Path
from report_samples import c00_sample_report
from summarizer.render.html import render_html
Path(sys.argv[1]).write_text(render_html(c00_sample_report()), encoding="utf-8")
' "$html"
fi

# No network: every background service off; the page itself allows none (CSP).
chromium --headless --no-sandbox --disable-gpu --disable-background-networking \
  --disable-component-update --disable-sync --no-first-run --hide-scrollbars \
  --host-resolver-rules="MAP * ~NOTFOUND" \
  --user-data-dir="$work/profile" --window-size="${size/x/,}" \
  --screenshot="$out" "file://$html" 2>"$work/chromium.log" || { cat "$work/chromium.log" >&2; exit 1; }
[[ -s "$out" ]] || { echo "no screenshot written" >&2; cat "$work/chromium.log" >&2; exit 1; }
echo "$out"
