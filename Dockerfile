# podwarden image: build once with the compilers, run on a slim base as a non-root user.
#   docker build -t podwarden .
#   docker run -p 3000:3000 -v podwarden-data:/var/lib/podwarden \
#     -e SLACK_BOT_TOKEN=xoxb-... -e SLACK_SIGNING_SECRET=... -e RUNPOD_API_KEY=... podwarden
# scripts/check-dockerfile.mjs replays these steps without Docker (npm test runs it).
#
# Both stages run the current Node LTS, pinned by digest so that a rebuild is the same image;
# Dependabot (.github/dependabot.yml) proposes the new digest. Bump both FROM lines together:
# node_modules, with better-sqlite3's compiled addon, moves from the build stage to the runtime.

# ---- build: compile TypeScript and better-sqlite3, then drop what the runtime does not need ----
FROM node:24-bookworm-slim@sha256:3638d9a6fe4030bd716be989438248074489337ba3275657f93595428be4fc03 AS build
WORKDIR /app
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts/keep-chart-fonts.mjs ./scripts/keep-chart-fonts.mjs
# Dev dependencies go, and of the bundled fonts only those the chart draws with stay.
RUN npm run build \
  && npm prune --omit=dev \
  && node scripts/keep-chart-fonts.mjs

# ---- runtime: the pruned node_modules and the compiled output, no compilers ----
FROM node:24-bookworm-slim@sha256:3638d9a6fe4030bd716be989438248074489337ba3275657f93595428be4fc03 AS runtime
ENV NODE_ENV=production \
  PORT=3000 \
  DATABASE_URL=file:/var/lib/podwarden/podwarden.db
WORKDIR /app
COPY package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /var/lib/podwarden \
  && chown node:node /var/lib/podwarden
USER node
VOLUME ["/var/lib/podwarden"]
EXPOSE 3000
# No curl in the slim image: Node's own fetch asks /healthz (liveness; orchestrators ask /readyz).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
