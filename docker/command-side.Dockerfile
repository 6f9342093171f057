# The command side: built from source in a JDK stage, run as a non-root user on a JRE.
# Build from the repository root: docker build -f docker/command-side.Dockerfile -t consensus-ledger/command-side .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY . .
RUN mvn -q -DskipTests -pl command-side -am package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app ledger \
    && mkdir -p /var/lib/consensus-ledger /var/lib/consensus-ledger-keys /var/lib/consensus-ledger-receipt-vkey \
    && chown ledger /var/lib/consensus-ledger /var/lib/consensus-ledger-keys /var/lib/consensus-ledger-receipt-vkey \
    && chmod 0700 /var/lib/consensus-ledger /var/lib/consensus-ledger-keys \
    && chmod 0755 /var/lib/consensus-ledger-receipt-vkey
WORKDIR /app
COPY --from=build /build/command-side/target/command-side.jar app.jar
USER ledger
EXPOSE 8081
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true
# Health details on a management port of its own, on the loopback inside the container: never published, used by
# Docker's health check; the public port answers /livez and /readyz with the bare status.
ENV MANAGEMENT_SERVER_PORT=9081 MANAGEMENT_SERVER_ADDRESS=127.0.0.1
# The first secretariat token is written here on first start, owner-only (a volume in compose.yaml).
ENV LEDGER_ACCOUNTS_FIRST_TOKEN_FILE=/var/lib/consensus-ledger/first-secretariat-token
# The key that signs receipts is kept there too (owner-only, created on first start; its .pub beside it).
ENV LEDGER_RECEIPTS_KEY_FILE=/var/lib/consensus-ledger/receipt-signing.key
VOLUME /var/lib/consensus-ledger
VOLUME /var/lib/consensus-ledger-keys
# The receipt verifier key (public) for the query side: docker/compose.yaml sets LEDGER_RECEIPTS_VKEY_FILE into it.
VOLUME /var/lib/consensus-ledger-receipt-vkey
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS "http://127.0.0.1:${MANAGEMENT_SERVER_PORT}/actuator/health/readiness" || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
