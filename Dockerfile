# The emulator as a container: `docker build -t oracle-integration-emulator .`
# then `docker run --rm -p 8080:8080 oracle-integration-emulator`.
# Demo data is opt-in: `-e EMULATOR_FIXTURES=/app/fixtures/demo`, or mount a
# folder of your own fixtures and point EMULATOR_FIXTURES at it.

# Build stage: compile TypeScript (better-sqlite3 compiles its native addon here).
FROM node:24-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
# scripts/ first: `npm ci` runs the `prepare` script, which builds nothing
# until the sources are there.
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
COPY src ./src
COPY openapi ./openapi
# The build starts the server once to make its V8 code cache (it needs the keys in fixtures/).
COPY fixtures ./fixtures
RUN npm run build && npm prune --omit=dev

# Runtime stage: production dependencies and the compiled server only, run
# by the image's unprivileged `node` user. Logs are JSON lines on stdout.
FROM node:24-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 LOG_FORMAT=json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY openapi ./openapi
COPY fixtures ./fixtures
COPY dashboard ./dashboard
USER node
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=5s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||8080)+'/_emulator/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/server.js"]
