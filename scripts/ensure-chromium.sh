#!/usr/bin/env sh
# Makes sure Debian's chromium is installed for the browser tests (test/browser). Playwright
# drives /usr/bin/chromium; it never downloads a browser of its own. Fast and silent when the
# browser is already there, so it can run before every `npm test`.
set -eu

CHROMIUM=/usr/bin/chromium

if [ -x "$CHROMIUM" ]; then
  exit 0
fi

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: $CHROMIUM is missing; installing Debian's chromium with apt-get…" >&2
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  if [ -x "$CHROMIUM" ]; then
    exit 0
  fi
  echo "ensure-chromium: apt-get finished but $CHROMIUM is still missing." >&2
  exit 1
fi

cat >&2 <<MSG
ensure-chromium: the browser tests need Debian's chromium at $CHROMIUM, and it is not installed.
Install it (as root), then run the tests again:

  sudo apt-get update && sudo apt-get install -y chromium

(Playwright uses this system browser; it does not download one.)
MSG
exit 1
