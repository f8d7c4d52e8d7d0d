#!/bin/sh
# Leaves a marker file in the image, so a test can prove the provisioner ran in the built image.
set -eu
mkdir -p /etc/kiln
{
  echo "built-by=kiln"
  echo "build-name=${PACKER_BUILD_NAME:-unknown}"
  echo "builder-type=${PACKER_BUILDER_TYPE:-unknown}"
  echo "marker=${KILN_MARKER:-none}"
} > /etc/kiln/marker
sync
echo "marker written: $(cat /etc/kiln/marker | tr '\n' ' ')"
