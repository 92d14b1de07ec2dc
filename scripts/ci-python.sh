#!/bin/sh
# What a Forgejo or Gitea runner's job container needs before `make`: Python 3 with venv, and make. The runner's
# usual images (node:20-bookworm for Forgejo, gitea/runner-images for Gitea) are Debian or Ubuntu; what is
# missing comes from their own package mirror — nothing from github.com (setup-python would fetch Python there).
set -eu
need=""
command -v python3 >/dev/null 2>&1 || need="$need python3"
python3 -c "import ensurepip, venv" >/dev/null 2>&1 || need="$need python3-venv"
command -v make >/dev/null 2>&1 || need="$need make"
[ -z "$need" ] && exit 0
if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  echo "运行器的容器缺少：$need。请换一个装有它们的镜像，或以 root 运行 apt-get install -y$need。" >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# shellcheck disable=SC2086
apt-get install -y -qq $need >/dev/null
