#!/bin/sh
# The system packages the tests need: Debian's Chromium (never a downloaded browser), CJK fonts (screenshots
# and layout need real Chinese glyphs), Node.js with npm (the offline archive ships an npm package), OpenSSH
# (deploy publishes over SSH; its tests start sshd on loopback), nginx (the tests serve deploy/nginx.conf), Pango
# (WeasyPrint lays out the yearly 台账 with it) and poppler's pdftotext and pdftoppm (the tests read the 台账 back).
# Installed here when this user can (root, or sudo without a password); otherwise stop at once with the one
# command to run, not deep inside pytest.
set -eu
need=""
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || need="$need chromium"
dpkg -s fonts-noto-cjk >/dev/null 2>&1 || need="$need fonts-noto-cjk"
command -v npm >/dev/null 2>&1 || need="$need nodejs npm"
[ -x /usr/sbin/sshd ] || need="$need openssh-server"  # the deploy tests publish to a real SSH server on loopback
command -v ssh >/dev/null 2>&1 || need="$need openssh-client"  # generator deploy runs ssh for the release switch
[ -x /usr/sbin/nginx ] || need="$need nginx-light"  # the tests serve deploy/nginx.conf with a real nginx
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || need="$need libpango-1.0-0"  # WeasyPrint lays out the 台账 with Pango
dpkg -s libpangoft2-1.0-0 >/dev/null 2>&1 || need="$need libpangoft2-1.0-0"
command -v pdftotext >/dev/null 2>&1 || need="$need poppler-utils"  # the tests read the 台账 back
for pkg in ${EXTRA:-}; do  # what one target needs beyond the tests (make bench: libvips42)
  dpkg -s "$pkg" >/dev/null 2>&1 || need="$need $pkg"
done
[ -z "$need" ] && exit 0
need=${need# }

if [ "$(id -u)" = 0 ]; then
  sudo=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
  sudo="sudo"
else
  echo "测试需要系统软件包：$need" >&2
  echo "请先运行（需要管理员权限）：sudo apt-get install -y $need" >&2
  exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "测试需要系统软件包：$need。这台机器没有 apt-get，请用系统的软件包管理器安装它们。" >&2
  exit 1
fi
echo "正在安装测试所需的系统软件包：$need"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
# shellcheck disable=SC2086
$sudo apt-get install -y -qq $need >/dev/null
