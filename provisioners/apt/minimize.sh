#!/bin/sh
# Debian 12 and Ubuntu 24.04 (ready templates): keeps docs, man pages and translations out of the image now and
# for every later apt install, drops packages and caches an image does not need. Runs as root, before
# provisioners/shared/generalize.sh.
set -eu
export DEBIAN_FRONTEND=noninteractive

# dpkg skips these paths from now on (Ubuntu's minimized images do the same); copyright files stay.
cat > /etc/dpkg/dpkg.cfg.d/01-jeos-nodoc <<'CFG'
path-exclude=/usr/share/doc/*
path-include=/usr/share/doc/*/copyright
path-exclude=/usr/share/man/*
path-exclude=/usr/share/info/*
path-exclude=/usr/share/lintian/*
path-exclude=/usr/share/locale/*
path-include=/usr/share/locale/locale.alias
CFG
find /usr/share/doc -depth -type f ! -name copyright -delete
find /usr/share/doc -depth -type d -empty -delete
rm -rf /usr/share/man/* /usr/share/info/* /usr/share/lintian/*
find /usr/share/locale -mindepth 1 -maxdepth 1 ! -name locale.alias -exec rm -rf {} +

# Packages an image needs no longer: installer reports, firmware for hardware a VM does not have.
for pkg in installation-report popularity-contest laptop-detect tasksel tasksel-data \
  linux-firmware firmware-linux-free command-not-found friendly-recovery; do
  if dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed'; then
    apt-get -y purge "$pkg"
  fi
done
apt-get -y autoremove --purge
apt-get -y clean
rm -rf /var/lib/apt/lists/* /var/cache/apt/*.bin /var/cache/debconf/*-old /var/lib/dpkg/*-old

# What the installers leave: their logs hold the answers they were given. Ubuntu keeps cloud-init: cleaned,
# it runs as on a new instance at first boot.
rm -rf /var/log/installer
if command -v cloud-init >/dev/null; then cloud-init clean --logs; fi
echo "apt minimize: done"
