# syntax=docker/dockerfile:1
# One recipe for every Swiftlend application image; MODULE picks whose boot jar runs:
#   docker build --build-arg MODULE=api -t swiftlend/api .
# (api, workers, simulators or standalone: each builds <module>/target/swiftlend-<module>-boot.jar.)

# --- build: the whole reactor once. MODULE is declared only in the runtime stage, so every
# service's build shares this stage's cache instead of compiling the reactor once per image.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /workspace
COPY . .
# The cache mount keeps Maven, downloaded by the wrapper, and the dependencies between builds
# without putting them in a layer.
RUN --mount=type=cache,target=/root/.m2 \
    chmod +x mvnw && ./mvnw -q -B -DskipTests package

# --- runtime: a JRE and one jar, run as an unprivileged user.
FROM eclipse-temurin:17-jre
ARG MODULE
RUN test -n "$MODULE" || { echo "build with --build-arg MODULE=api|workers|simulators|standalone" >&2; exit 1; }
# curl for the health check; a fixed uid so volumes and policies can refer to it.
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 swiftlend \
    && useradd --system --uid 10001 --gid swiftlend --home-dir /app --no-create-home --shell /usr/sbin/nologin swiftlend
# Where the api keeps its token-signing key (a named volume in docker-compose): a volume created
# on this directory inherits its owner, so the unprivileged user can write it.
RUN mkdir -p /var/lib/swiftlend/keys && chown -R 10001:10001 /var/lib/swiftlend
WORKDIR /app
# Owned by root and not writable by the process that runs it.
COPY --from=build /workspace/${MODULE}/target/swiftlend-${MODULE}-boot.jar /app/app.jar
USER 10001:10001
# Size the heap from the container's memory limit, and let the orchestrator restart a JVM
# that ran out of memory instead of leaving it half alive. No code cache flushing: JDK 17's
# sweeper takes compiled methods it did not happen to see on a stack for "cold" and throws them
# away, and with a code base this wide it recompiled ~60 methods per application, for ever
# (docs/benchmarks.md, "Holding a burst"). The cache held ~85 MB of its 240 MB after 2,500
# applications (measured with flushing on); if it ever fills, the JIT stops and says so in the log.
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:-UseCodeCacheFlushing" \
    SERVER_PORT=8080
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=5s --start-period=90s --retries=5 \
    CMD curl -fsS "http://localhost:${SERVER_PORT}/actuator/health" > /dev/null || exit 1
ENTRYPOINT ["java", "-jar", "/app/app.jar"]
