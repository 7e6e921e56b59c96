# One image for every replica: the API front door co-hosting a silo. `migrate` as the argument applies the schema and exits.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Api/GemScheduling.Api.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
# 8080: the HTTP API (publish it). 11111: silo-to-silo, for the other replicas only (keep it on a private network).
# There is no Orleans gateway: the API is co-hosted with its silo.
EXPOSE 8080 11111
# The image's unprivileged user (uid 1654), not root.
USER $APP_UID
ENTRYPOINT ["dotnet", "GemScheduling.Api.dll"]
