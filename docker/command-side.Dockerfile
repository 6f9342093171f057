# The command side: built from source in a JDK stage, run as a non-root user on a JRE.
# Build from the repository root: docker build -f docker/command-side.Dockerfile -t consensus-ledger/command-side .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY . .
RUN mvn -q -DskipTests -pl command-side -am package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --uid 10001 --home-dir /app ledger
WORKDIR /app
COPY --from=build /build/command-side/target/command-side.jar app.jar
USER ledger
EXPOSE 8081
ENV AXONIQ_UPDATE_CHECKER_DISABLED=true
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD curl -fsS http://localhost:8081/actuator/health/readiness || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"]
