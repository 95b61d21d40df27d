# syntax=docker/dockerfile:1
# One image for every faultline role: `start` (all in one process), `ingest`, `analyzer`, `api`.
#   docker build -t faultline .
#   docker run --rm -p 8080:8080 faultline                 # embedded mode (chdb + in-process bus)
#   docker run --rm -e KAFKA_BROKERS=... faultline analyzer # a role of the distributed mode
# Configuration is the environment (README.md, "Configuration"). The compose stack
# (deploy/compose) and the Kubernetes manifests (deploy/k8s) run this image.

# --- build: install everything, compile the TypeScript, drop the dev dependencies ---------
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV CI=true
COPY . .
# npm ci also runs the root `prepare` script (tsc -b, then the console's Vite build into
# apps/console/dist, served by the api role); the explicit tsc -b below is then a
# no-op check that the build is complete. The optional native Kafka client
# (@confluentinc/kafka-javascript) is dropped by npm when its install fails: kafkajs, the
# default client, needs nothing native.
RUN npm ci --no-audit --no-fund \
  && npx tsc -b \
  && npm prune --omit=dev --no-audit --no-fund \
  && npm cache clean --force \
  && rm -rf test/dist load-tests .tap .turbo

# --- runtime ------------------------------------------------------------------------------
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8080 \
    FAULTLINE_DATA_DIR=/var/lib/faultline
COPY --from=build --chown=root:root /app /app
# The embedded store's data directory (unused with CLICKHOUSE_URL), writable by the
# unprivileged `node` user (uid 1000) of the base image; the code itself stays read-only.
RUN mkdir -p /var/lib/faultline && chown node:node /var/lib/faultline
USER node
VOLUME ["/var/lib/faultline"]
EXPOSE 8080
# /healthz: the process is alive (readiness, /readyz, is for the orchestrator's probes).
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
ENTRYPOINT ["node", "apps/faultline/dist/src/main.js"]
CMD ["start"]
