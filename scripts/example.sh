#!/usr/bin/env bash
# Builds the example image end to end on Debian 12: installs dependencies, builds the hermetic test OS
# installer ISO from Debian packages, then runs `kiln build templates/testos.json`.
# Result: output-testos/kiln-testos.qcow2 and output-testos/kiln-testos.vmdk.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
npm run build --silent
bash test/fixtures/testos/build-iso.sh test/fixtures/testos/out
exec node bin/kiln.js build -force "$@" templates/testos.json
