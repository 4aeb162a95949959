# The modelgraph server. `docker compose up` runs it against PostgreSQL; alone it uses embedded PGlite.

# The Explorer (web/) is built with the dev dependencies, and only its output goes into the image.
FROM node:20-bookworm-slim AS explorer
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY src/scripts/explorer-build.mjs ./src/scripts/
COPY schema/schema.graphql ./schema/
COPY web ./web
RUN npm run explorer:build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY drizzle ./drizzle
COPY data ./data
COPY schema ./schema
RUN node src/scripts/build-server.mjs --force
COPY --from=explorer /app/web/dist ./web/dist
ENV HOST=0.0.0.0 PORT=4000 DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME /data
EXPOSE 4000
USER node
CMD ["node", "--enable-source-maps", "--heap-growing-percent=100", "dist/server.js"]
