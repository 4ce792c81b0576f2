# syntax=docker/dockerfile:1
# Any starter as a production image: one recipe, the starter named by STARTER (express, fastify, hono
# or nest). Build from the repository root, so that the workspace packages it imports are in the
# build context:
#
#   docker build --build-arg STARTER=fastify -t rosetta-fastify .
#   docker run --rm -p 3000:3000 -e JWT_SECRET="$(openssl rand -hex 32)" rosetta-fastify
#
# Nest on Fastify is the nest image run with -e NEST_ADAPTER=fastify. .dockerignore keeps
# node_modules, dist and secrets out of the context.

ARG NODE_IMAGE=node:24-slim
ARG STARTER=express

# 1. Cut the monorepo down to this starter and the workspaces it depends on (turbo's Docker recipe):
#    a pruned lockfile, and the manifests apart from the sources, so edits to other packages, or to
#    sources only, never invalidate the dependency layer below.
FROM ${NODE_IMAGE} AS prune
ARG STARTER
WORKDIR /repo
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1
RUN npm install --global --no-audit --no-fund turbo@2
COPY . .
RUN turbo prune "@rosetta/${STARTER}-starter" --docker --out-dir /pruned

# 2. Install from the pruned lockfile, build the starter and the workspaces it imports, then drop
#    dev dependencies and sources so that only what runs is left to copy.
FROM ${NODE_IMAGE} AS build
ARG STARTER
WORKDIR /app
ENV TURBO_TELEMETRY_DISABLED=1 DO_NOT_TRACK=1 \
    npm_config_update_notifier=false npm_config_fund=false npm_config_audit=false
COPY --from=prune /pruned/json/ ./
RUN npm ci
COPY --from=prune /pruned/full/ ./
# turbo prune copies workspaces and the root manifest, not the root tsconfig they all extend.
COPY tsconfig.base.json ./
RUN npx turbo run build --filter="@rosetta/${STARTER}-starter" \
 && npm prune --omit=dev \
 && rm -rf packages/*/src packages/*/test packages/*/scripts packages/*/tsconfig*.json .turbo

# 3. Runtime: compiled code and production dependencies, owned by root and run as the unprivileged
#    `node` user, so the process cannot rewrite its own code.
FROM ${NODE_IMAGE} AS runtime
ARG STARTER
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    PGLITE_DATA_DIR=/data/pglite
WORKDIR /app
COPY --from=build /app ./
# Embedded PGlite (used when DATABASE_URL is unset) keeps its files here; mount a volume to keep them.
RUN mkdir -p /data && chown node:node /data
USER node
WORKDIR /app/packages/${STARTER}-starter
EXPOSE 3000
# Liveness only: /health/ready would mark the container unhealthy, and restart it, whenever the
# database blips, which a restart does not fix.
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# Exec form: node is PID 1 and receives SIGTERM itself, which server.ts turns into a graceful drain.
CMD ["node", "dist/server.js"]
