# NetPulse controller image (REST API, sweepers). Build from the repository root:
#   docker build -f deploy/docker/controller.Dockerfile -t netpulse/controller:dev .
# BuildKit reads deploy/docker/controller.Dockerfile.dockerignore for this build (not a root .dockerignore).
# The three app images (controller, fifo-worker, node-worker) share every stage but the last one;
# tools/deploy-check/check.sh keeps them in step.

ARG NODE_IMAGE=node:20-bookworm-slim

# --- manifests: package.json files and workspace stubs only, so the `npm ci` layer stays cached
# until a manifest changes (COPY with a glob would flatten libs/*/package.json).
FROM ${NODE_IMAGE} AS manifests
WORKDIR /src
COPY libs ./libs
COPY tools ./tools
RUN mkdir -p /out \
 && find libs tools -mindepth 2 -maxdepth 2 -type f \( -name package.json -o -name index.js \) \
      -exec cp --parents {} /out/ \;
COPY package.json package-lock.json .npmrc /out/

# --- build: every dependency, then the three app bundles (`npm run build:apps`: Nx runs @nx/esbuild per
# app). Each bundle holds only the code its app imports, plus a package.json and lock file naming only
# the npm packages that code uses, the Lua scripts and the ntc-templates data: dist/deploy/<app>/.
FROM ${NODE_IMAGE} AS build
ENV NX_DAEMON=false NX_NO_CLOUD=true SCARF_ANALYTICS=false
WORKDIR /src
COPY --from=manifests /out/ ./
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY nx.json tsconfig.base.json ./
COPY apps ./apps
COPY libs ./libs
COPY tools ./tools
RUN npm run build:apps \
 && test -f dist/deploy/controller/main.cjs \
 && test -f dist/deploy/fifo-worker/main.cjs \
 && test -f dist/deploy/node-worker/main.cjs

# --- prod-deps: each app's production dependencies from its own pruned lock file; build tools so
# ssh2's optional native crypto compiles.
FROM ${NODE_IMAGE} AS prod-deps
# swagger-ui-dist's install hook (Scarf) reports nothing with this set.
ENV SCARF_ANALYTICS=false
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /deps
COPY --from=build /src/dist/deploy/controller/package.json /src/dist/deploy/controller/package-lock.json ./controller/
COPY --from=build /src/dist/deploy/fifo-worker/package.json /src/dist/deploy/fifo-worker/package-lock.json ./fifo-worker/
COPY --from=build /src/dist/deploy/node-worker/package.json /src/dist/deploy/node-worker/package-lock.json ./node-worker/
COPY .npmrc ./
RUN for app in controller fifo-worker node-worker; do \
      (cd "$app" && npm ci --omit=dev --no-audit --no-fund) || exit 1; \
    done \
 && npm cache clean --force

# --- runtime: this app's bundle (dist/deploy/<app>/) and its own production node_modules only; non-root.
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
COPY --from=prod-deps /deps/controller/node_modules ./node_modules
COPY --from=build /src/dist/deploy/controller/ ./
COPY deploy/docker/healthcheck.mjs ./healthcheck.mjs
RUN mkdir -p /app/.netpulse \
 && chown netpulse:netpulse /app/.netpulse \
 && test -f main.cjs \
 && test -f libs/templates/ntc-templates/index
USER 10001:10001
EXPOSE 9000
# /livez answers without the API key; the port follows NETPULSE_SERVER__PORT.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "/app/healthcheck.mjs", "server", "/livez"]
STOPSIGNAL SIGTERM
CMD ["node", "main.cjs"]
