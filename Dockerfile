# One image for every app; docker-compose picks the entry point per service.
FROM node:20-bookworm-slim AS build
WORKDIR /app
ENV ONNXRUNTIME_NODE_INSTALL=skip
COPY package.json package-lock.json .npmrc ./
RUN npm install --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY apps apps
COPY libs libs
COPY tools tools
COPY bench bench
COPY scripts scripts
# Declarations the compiler needs (graphql-ws/use/ws): without them the build stops at tsc.
COPY types types
COPY models models
# Optional heap flags: RUN sees the ARG in its environment, so the build writes the code cache for them.
ARG APP_NODE_OPTIONS=""
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
# Large buffers stay mmapped and go back to the system when freed (tools/infra/src/app-process.ts).
ENV MALLOC_MMAP_THRESHOLD_=131072
# Optional heap limits (docs/operations.md, "Memory"): the code cache was built for the same flags.
ARG APP_NODE_OPTIONS=""
ENV NODE_OPTIONS=$APP_NODE_OPTIONS
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/models models
COPY package.json ./
USER node
CMD ["node", "dist/tools/bundle/launch-app.js", "gateway"]
