# Kiln in a container: Debian 12 (bookworm) with Node 20, QEMU and Kiln, running `kiln build` on a template
# in the mounted directory. Build from a clone:  docker build -t kiln .
# Run (KVM when the host has it, TCG otherwise):
#   docker run --rm -v "$PWD:/work" $( [ -e /dev/kvm ] && echo --device /dev/kvm ) kiln build template.json
# The official node image is Debian 12 with Node 20 installed; Debian's own nodejs (18) is too old for Kiln.
ARG NODE_IMAGE=node:20-bookworm-slim

# Stage 1: the npm package, built exactly as `npm pack` builds it (prepack compiles dist/).
FROM ${NODE_IMAGE} AS pack
WORKDIR /src
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json README.md ./
COPY bin ./bin
COPY src ./src
RUN npm pack --pack-destination /tmp && mv /tmp/kiln-*.tgz /tmp/kiln.tgz

# Stage 2: what runs a build: QEMU, qemu-img, xorriso, OVMF, swtpm and the installed package.
FROM ${NODE_IMAGE}
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
      qemu-system-x86 qemu-utils xorriso ovmf swtpm ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=pack /tmp/kiln.tgz /tmp/kiln.tgz
RUN npm install -g --no-audit --no-fund /tmp/kiln.tgz && rm /tmp/kiln.tgz && kiln version
# Downloaded ISOs survive the container when /cache is a volume (-v kiln-cache:/cache).
ENV KILN_CACHE_DIR=/cache CI=true
WORKDIR /work
ENTRYPOINT ["kiln"]
CMD ["doctor"]
