# perfeval: the nightly-load server (`perfeval serve`). Built and run by docker-compose.yml.

# Build: restore first (cached while the project files stay the same), then publish the host.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY Directory.Build.props Directory.Build.targets Directory.Packages.props .editorconfig ./
COPY etl/PerfEval.Etl.csproj etl/
COPY jobs/PerfEval.Jobs.csproj jobs/
RUN dotnet restore jobs/PerfEval.Jobs.csproj
COPY . .
RUN dotnet publish jobs/PerfEval.Jobs.csproj -c Release -o /app --no-restore

# Run: the ASP.NET Core runtime (it has ICU and tzdata, so Asia/Shanghai resolves).
FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
RUN mkdir -p /data/inbox /data/warehouse /data/exports
VOLUME ["/data/warehouse", "/data/exports"]
EXPOSE 5080
ENTRYPOINT ["dotnet", "perfeval.dll"]
CMD ["serve", "--source", "/data/inbox", "--warehouse", "/data/warehouse/warehouse.duckdb", "--exports", "/data/exports", "--dashboard", "http://0.0.0.0:5080"]
