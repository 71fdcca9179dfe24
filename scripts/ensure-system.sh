#!/usr/bin/env bash
# Installs what the browser tests need from Debian's packages when it is missing:
# Chromium (Playwright cannot download its own here) and Noto CJK fonts for Chinese.
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ -n "${DATABASE_URL:-}" ] && command -v pg_config >/dev/null 2>&1; then
  ver=$(pg_config --version | sed -E 's/[^0-9]*([0-9]+).*/\1/')
  [ -f "/usr/share/postgresql/${ver}/extension/pgtap.control" ] || need+=("postgresql-${ver}-pgtap")
fi
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != "0" ]; then
  echo "missing system packages: ${need[*]} (install them with apt-get as root)" >&2
  exit 1
fi
echo "installing ${need[*]} from Debian"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq "${need[@]}" >/dev/null
