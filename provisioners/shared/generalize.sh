#!/bin/sh
# Every ready template, last: removes what makes this machine this machine (machine-id, SSH host keys, logs,
# shell history, temporary files), so each VM made from the image is its own, then frees unused blocks.
# POSIX sh, also busybox (Alpine). Runs as root.
set -eu

# SSH host keys: made again at first boot. EL9 (sshd-keygen@.service) and Alpine (its sshd init script) do it
# themselves; Debian's and Ubuntu's sshd refuse to start without keys, so they get a small unit that runs
# ssh-keygen -A when no key is there.
# Under systemd the keys go at the build's shutdown, not now: sshd reads them for every new connection, so
# deleting them here would reset any later one (a provisioner after this script that reconnects, or a build
# resumed by kiln build -cache from the snapshot taken after it). The unit is started, not enabled: it runs
# its ExecStop once, at this shutdown, and removes itself.
if [ -d /run/systemd/system ]; then
  cat > /etc/systemd/system/kiln-remove-host-keys.service <<'UNIT'
[Unit]
Description=Remove the build's SSH host keys at its shutdown (generalize.sh)

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/bin/true
ExecStop=/bin/sh -c 'rm -f /etc/ssh/ssh_host_* /etc/systemd/system/kiln-remove-host-keys.service'
UNIT
  systemctl daemon-reload
  systemctl start kiln-remove-host-keys.service
else
  rm -f /etc/ssh/ssh_host_*
fi
if [ -d /run/systemd/system ] && [ ! -e /usr/lib/systemd/system/sshd-keygen.target ]; then
  cat > /etc/systemd/system/ssh-host-keys.service <<'UNIT'
[Unit]
Description=Generate missing SSH host keys (first boot of an image)
ConditionPathExistsGlob=!/etc/ssh/ssh_host_*_key
Before=ssh.service sshd.service ssh.socket

[Service]
Type=oneshot
ExecStart=/usr/bin/ssh-keygen -A

[Install]
WantedBy=multi-user.target ssh.service
UNIT
  systemctl enable ssh-host-keys.service
fi

# machine-id: an empty file makes systemd create a new one at first boot (and run first-boot units).
if [ -e /etc/machine-id ]; then : > /etc/machine-id; fi
if [ -f /var/lib/dbus/machine-id ] && [ ! -L /var/lib/dbus/machine-id ]; then rm -f /var/lib/dbus/machine-id; fi
rm -f /var/lib/systemd/random-seed /var/lib/systemd/credential.secret

# Logs, history and temporary files of the build.
if [ -d /var/log/journal ]; then find /var/log/journal -type f -delete; fi
find /var/log -type f -exec sh -c ': > "$1"' _ {} \;
rm -f /root/.ash_history /root/.bash_history /home/*/.ash_history /home/*/.bash_history
rm -rf /tmp/* /var/tmp/*

# Free the blocks deleted files used: with disk_discard=unmap QEMU punches them out of the qcow2 instead of
# the build writing zeros over free space.
sync
for mountpoint in / /boot /boot/efi; do
  if mountpoint -q "$mountpoint"; then fstrim -v "$mountpoint" || true; fi
done
echo "generalize: done"
