#!/bin/sh
# templates/debian12-jeos.json, after provisioners/apt/minimize.sh: what the debootstrap root filesystem carries
# for both firmware types and this VM's firmware does not use. Runs as root.
set -eu
export DEBIAN_FRONTEND=noninteractive

# The other firmware's GRUB: the disk is labelled for this one (dos + GRUB's i386-pc core in the MBR gap, or
# GPT + an ESP), so the other platform's modules (about 10 MB each) could never boot it.
if [ -d /sys/firmware/efi ]; then
  unused="grub-pc-bin"
else
  unused="grub-efi-amd64-bin efibootmgr"
fi
# shellcheck disable=SC2086 # one word per package
apt-get -y purge $unused
apt-get -y autoremove --purge
# GRUB's translations and its Unicode font: this GRUB draws on the text console and the serial line only.
rm -rf /boot/grub/locale /boot/grub/fonts /boot/grub/unicode.pf2
apt-get -y clean
echo "jeos slim: removed $unused"
