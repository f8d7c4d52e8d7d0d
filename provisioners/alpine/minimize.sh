#!/bin/sh
# Alpine 3.20 (ready template): no package cache, root login locked (setup-alpine -e left it without a password;
# the login user has doas). Runs as root, before provisioners/shared/generalize.sh.
set -eu
apk cache clean 2>/dev/null || true
rm -rf /var/cache/apk/*
passwd -l root
echo "alpine minimize: done"
