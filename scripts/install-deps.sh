#!/usr/bin/env bash
# Installs what Kiln needs on Debian 12: the apt packages in scripts/apt-packages.txt and the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t packages < <(grep -v '^\s*#' scripts/apt-packages.txt | grep -v '^\s*$')
missing=()
for p in "${packages[@]}"; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p"); done
if [ "${#missing[@]}" -gt 0 ]; then
  sudo_cmd=(); [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
  # cloud-init is here only for `cloud-init schema` in the tests: keep it from configuring this machine at boot.
  if printf '%s\n' "${missing[@]}" | grep -qx cloud-init; then "${sudo_cmd[@]}" touch /etc/cloud/cloud-init.disabled; fi
fi
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # Not `npm ci`: npm 11 leaves other platforms' optional packages (Biome's binaries) out of the lock file and
  # then refuses `npm ci`; `npm install` installs exactly the locked versions all the same.
  npm install --no-fund --no-audit
fi
