# The modelgraph server. `docker compose up` runs it against PostgreSQL; alone it uses embedded PGlite.
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
ENV HOST=0.0.0.0 PORT=4000 DATA_DIR=/data
RUN mkdir -p /data && chown node:node /data
VOLUME /data
EXPOSE 4000
USER node
CMD ["node", "--enable-source-maps", "dist/server.js"]
