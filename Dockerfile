# One image for every replica: the API front door co-hosting a silo. `migrate` as the argument applies the schema and exits.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY . .
RUN dotnet publish src/Api/GemScheduling.Api.csproj -c Release -o /app

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /app
COPY --from=build /app .
ENV ASPNETCORE_URLS=http://+:8080
# 8080 HTTP API, 11111 silo-to-silo, 30000 gateway for external Orleans clients
EXPOSE 8080 11111 30000
ENTRYPOINT ["dotnet", "GemScheduling.Api.dll"]
