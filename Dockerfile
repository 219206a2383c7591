# One image for every Vigil process; docker-compose.yml picks the role with the command
# (e.g. `worker pipeline`, `api sla`). TypeScript runs through tsx's loader, as on the developer machines.

# The native Holt-Winters grid kernel needs a C compiler and Node's headers, which the slim image lacks.
FROM node:20-bookworm AS native
WORKDIR /build
COPY scripts/build-native.sh scripts/
COPY analytics/holt-winters/native/grid.c analytics/holt-winters/native/grid-width.h analytics/holt-winters/native/
RUN bash scripts/build-native.sh

FROM node:20-bookworm-slim
ENV NODE_ENV=production VIGIL_HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
COPY --from=native /build/analytics/holt-winters/native/build/ analytics/holt-winters/native/build/
USER node
ENTRYPOINT ["node", "bin/vigil.mjs"]
CMD ["--help"]
