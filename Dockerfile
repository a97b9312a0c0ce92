# NetDashboard as a container beside the daemon it shows. Build: docker build -t netdashboard .
# Run (README, "Run as a container"):
#   docker run -d --name netdashboard -p 127.0.0.1:8080:8080 -v /var/run/docker.sock:/var/run/docker.sock:ro \
#     --group-add "$(stat -c %g /var/run/docker.sock)" -v netdashboard-data:/data --read-only --tmpfs /tmp netdashboard
# The base images are arguments so a machine without access to mcr.microsoft.com can pass its own (the tests do).
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG ASPNET_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0

FROM ${SDK_IMAGE} AS build
WORKDIR /src
# One COPY of the sources, not a restore layer per csproj: a project added later can't be forgotten here.
COPY Directory.Build.props Directory.Packages.props ./
COPY wwwroot-assets/ wwwroot-assets/
COPY src/ src/
# Framework-dependent and portable: needs no runtime pack from NuGet. The native SQLite builds of every other
# platform (20 MB) are dropped; this stage runs on the image's own architecture.
RUN dotnet restore src/NetDashboard/NetDashboard.csproj \
 && dotnet publish src/NetDashboard/NetDashboard.csproj -c Release --no-restore -o /app -p:UseAppHost=false \
 && case "$(uname -m)" in x86_64) rid=linux-x64 ;; aarch64) rid=linux-arm64 ;; armv7l) rid=linux-arm ;; *) rid= ;; esac \
 && if [ -n "$rid" ] && [ -d "/app/runtimes/$rid" ]; then \
      find /app/runtimes -mindepth 1 -maxdepth 1 ! -name "$rid" -exec rm -rf {} +; fi \
 && mkdir /data

FROM ${ASPNET_IMAGE}
# The aspnet images' non-root user "app"; /data belongs to it, so a fresh named volume does too.
ARG APP_UID=1654
WORKDIR /app
COPY --from=build /app ./
COPY --from=build --chown=${APP_UID}:${APP_UID} /data /data
ENV ASPNETCORE_HTTP_PORTS=8080 \
    NetDashboard__DataDirectory=/data
USER ${APP_UID}
EXPOSE 8080
VOLUME /data
LABEL org.opencontainers.image.title="NetDashboard" \
      org.opencontainers.image.description="Live Docker network topology: networks, bridges, veth pairs, ports, modes"
# The aspnet image has no curl or wget: the app probes its own /healthz (see Hosting/HealthProbe.cs).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["dotnet", "/app/NetDashboard.dll", "--healthcheck"]
ENTRYPOINT ["dotnet", "/app/NetDashboard.dll"]
