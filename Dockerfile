# webcare-monitor daemon. Build: docker build -t webcare-monitor .
# Run:   docker run -d -v webcare-data:/app/data -e X_BEARER_TOKEN=... -p 9464:9464 webcare-monitor
FROM node:22-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon here when no prebuilt binary fits.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
    && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm ci --no-audit --no-fund && npm prune --omit=dev

FROM node:22-slim
ENV NODE_ENV=production \
    WEBCARE_DB=/app/data/webcare.db \
    WEBCARE_HTTP_HOST=0.0.0.0
WORKDIR /app
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY package.json ./
COPY config ./config
# The CBS boundaries the dashboard map is drawn from (reports/map.ts reads them beside dist/).
COPY assets ./assets
RUN ln -s /app/dist/main.js /usr/local/bin/webcare && chmod +x /app/dist/main.js \
    && mkdir -p /app/data && chown -R node:node /app/data
USER node
VOLUME ["/app/data"]
EXPOSE 9464
HEALTHCHECK --interval=60s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.WEBCARE_HTTP_PORT||9464)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["webcare", "run"]
