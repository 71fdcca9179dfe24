#!/usr/bin/env bash
# Installs what the tests need from Debian's packages when it is missing: Chromium (Playwright
# cannot download its own here), Noto CJK fonts for Chinese, and the tools that read exports back:
# translate-toolkit (TMX, XLIFF) and LibreOffice Writer headless (DOCX).
set -euo pipefail
need=()
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
[ -x /usr/bin/xliff2po ] && [ -f /usr/lib/python3/dist-packages/translate/storage/tmx.py ] || need+=(translate-toolkit)
[ -f /usr/lib/libreoffice/program/libswlo.so ] && [ -x /usr/bin/soffice ] || need+=(libreoffice-writer-nogui)
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
