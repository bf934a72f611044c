# NetPulse controller image (REST API, sweepers). Build from the repository root:
#   docker build -f deploy/docker/controller.Dockerfile -t netpulse/controller:dev .
# BuildKit reads deploy/docker/controller.Dockerfile.dockerignore for this build (not a root .dockerignore).
# The three app images (controller, fifo-worker, node-worker) share every stage but the last lines;
# tools/deploy-check/check.sh keeps them in step.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- manifests: package.json files and workspace stubs only, so `npm ci` layers stay cached
# until a manifest changes (COPY with a glob would flatten libs/*/package.json).
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY libs ./libs
COPY tools ./tools
RUN mkdir -p /out \
 && find libs tools -mindepth 2 -maxdepth 2 -type f \( -name package.json -o -name index.js \) \
      -exec cp --parents {} /out/ \;
COPY package.json package-lock.json .npmrc /out/

# --- prod-deps: production dependencies only; build tools so ssh2's optional native crypto compiles.
FROM ${NODE_IMAGE} AS prod-deps
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY --from=manifests /out/ ./
RUN npm ci --omit=dev --no-audit --no-fund \
 && npm cache clean --force

# --- build: every dependency, then `npm run build` (tsc -p tsconfig.build.json + Lua assets) into dist/.
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY --from=manifests /out/ ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
RUN npm run build \
 && rm -f dist/.tsbuildinfo

# --- runtime: production node_modules, dist/, workspace stubs, ntc-templates data; runs as non-root.
FROM ${NODE_IMAGE} AS runtime
LABEL org.opencontainers.image.title="netpulse-controller" \
      org.opencontainers.image.description="NetPulse controller: REST API, scheduling, sweepers" \
      org.opencontainers.image.licenses="MIT"
ENV NODE_ENV=production
RUN groupadd --system --gid 10001 netpulse \
 && useradd --system --uid 10001 --gid netpulse --home-dir /home/netpulse --create-home --shell /usr/sbin/nologin netpulse
WORKDIR /app
# Code stays root-owned and read-only to the app; the only writable places are /tmp and /app/.netpulse
# (storage.staging defaults to ./.netpulse/staging). Kubernetes mounts emptyDirs there.
COPY --from=manifests /out/ ./
COPY --from=prod-deps /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY libs/templates/ntc-templates ./libs/templates/ntc-templates
COPY deploy/docker/healthcheck.mjs ./healthcheck.mjs
RUN mkdir -p /app/.netpulse \
 && chown netpulse:netpulse /app/.netpulse \
 && test -f dist/apps/controller/src/main.js \
 && test -f libs/templates/ntc-templates/index
USER 10001:10001
EXPOSE 9000
# /livez answers without the API key; the port follows NETPULSE_SERVER__PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "/app/healthcheck.mjs", "server", "/livez"]
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/controller/src/main.js"]
