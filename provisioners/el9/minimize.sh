#!/bin/sh
# Rocky Linux 9 and AlmaLinux 9 (ready templates): no docs for later installs, only the newest kernel, no caches,
# no copies of the kickstart. Runs as root, before provisioners/shared/generalize.sh.
set -eu

# Later dnf installs skip docs too, as the kickstart's %packages --excludedocs did.
grep -q '^tsflags=nodocs' /etc/dnf/dnf.conf || echo 'tsflags=nodocs' >> /etc/dnf/dnf.conf

old_kernels=$(dnf repoquery --installonly --latest-limit=-1 -q)
if [ -n "$old_kernels" ]; then
  # shellcheck disable=SC2086 # one package name per word
  dnf -y remove $old_kernels
fi
dnf -y autoremove
dnf -y clean all
rm -rf /var/cache/dnf/* /var/lib/dnf/history.sqlite*

# Anaconda's copies of the kickstart and its logs.
rm -rf /root/anaconda-ks.cfg /root/original-ks.cfg /var/log/anaconda
echo "el9 minimize: done"
