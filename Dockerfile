# podwarden image: build once with the compilers, run on a slim base as a non-root user.
#   docker build -t podwarden .
#   docker run -p 3000:3000 -v podwarden-data:/var/lib/podwarden \
#     -e SLACK_BOT_TOKEN=xoxb-... -e SLACK_SIGNING_SECRET=... -e RUNPOD_API_KEY=... podwarden
# scripts/check-dockerfile.mjs replays these steps without Docker (npm test runs it).

# ---- build: compile TypeScript and the better-sqlite3 native addon ----
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# ---- runtime: production dependencies, compiled output, no compilers ----
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
  PORT=3000 \
  DATABASE_URL=file:/var/lib/podwarden/podwarden.db
WORKDIR /app
COPY package.json package-lock.json ./
# Install scripts are skipped: the only native addon, better-sqlite3, was compiled in the build
# stage on the same base image and Node ABI, and is copied in below.
RUN npm ci --omit=dev --ignore-scripts \
  && npm cache clean --force
COPY --from=build /app/node_modules/better-sqlite3/build/Release/better_sqlite3.node ./node_modules/better-sqlite3/build/Release/better_sqlite3.node
COPY --from=build /app/dist ./dist
RUN mkdir -p /var/lib/podwarden \
  && chown node:node /var/lib/podwarden
USER node
VOLUME ["/var/lib/podwarden"]
EXPOSE 3000
# No curl in the slim image: Node's own fetch asks /healthz.
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
