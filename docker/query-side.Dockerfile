# The query side: built from source in a JDK stage, run as a non-root user on a JRE.
# Build from the repository root: docker build -f docker/query-side.Dockerfile -t consensus-ledger/query-side .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY . .
RUN mvn -q -DskipTests -pl query-side -am package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app ledger \
    && mkdir -p /var/lib/consensus-ledger && chown ledger /var/lib/consensus-ledger \
    && chmod 0700 /var/lib/consensus-ledger
WORKDIR /app
COPY --from=build /build/query-side/target/query-side.jar app.jar
USER ledger
EXPOSE 8082
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true
# The key that signs the log's checkpoints: created on first start, owner-only, in a volume (see compose.yaml).
ENV LEDGER_AUDIT_KEY_FILE=/var/lib/consensus-ledger/checkpoint-signing.key
VOLUME /var/lib/consensus-ledger
# Health details and Prometheus on a management port of its own, on the loopback inside the container: never
# published, used by Docker's health check; the public port answers /livez and /readyz with the bare status.
ENV MANAGEMENT_SERVER_PORT=9082 MANAGEMENT_SERVER_ADDRESS=127.0.0.1
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${MANAGEMENT_SERVER_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
