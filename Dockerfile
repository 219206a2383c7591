# One image for every Vigil process; docker-compose.yml picks the role with the command
# (e.g. `worker pipeline`, `api sla`). TypeScript runs through tsx's loader, as on the developer machines.
FROM node:20-bookworm-slim
ENV NODE_ENV=production VIGIL_HOST=0.0.0.0
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY . .
USER node
ENTRYPOINT ["node", "bin/vigil.mjs"]
CMD ["--help"]
