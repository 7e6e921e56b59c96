using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.OpenApi;

namespace GemScheduling.Api.Hosting;

/// <summary>
/// Makes /openapi/v1.json something a client generator can trust: one schema per type (a second type under a taken
/// name fails the document instead of silently merging), ids typed as they are sent, request fields that may be left
/// out not listed as required, an id for every operation, its problem responses, and the bearer scheme.
/// </summary>
internal static class OpenApiDocumentConventions
{
    public const string BearerScheme = "bearer";
    private const string ProblemSchema = "Problem";

    public static IServiceCollection AddApiDocument(this IServiceCollection services) => services.AddOpenApi(options =>
    {
        var names = new ConcurrentDictionary<string, Type>(StringComparer.Ordinal);
        options.CreateSchemaReferenceId = info => UniqueName(info, names);
        options.AddSchemaTransformer((schema, context, _) =>
        {
            DescribeInt64(schema, context.JsonTypeInfo.Type);
            DescribeEnum(schema, context.JsonTypeInfo.Type);
            return Task.CompletedTask;
        });
        options.AddOperationTransformer((operation, context, _) =>
        {
            DescribeOperation(operation, context);
            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo { Title = "GemScheduling API", Version = "v1", Description = OpenApiIntroduction.Text };
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
            {
                [BearerScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http, Scheme = "bearer", BearerFormat = "gs.{orgId}.{tokenId}.{secret}",
                    Description = "An org token (POST /api/v1/orgs/{orgId}/tokens) or the operator's admin token.",
                },
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[ProblemSchema] = ProblemDocument();
            OpenApiRequiredness.RelaxRequestFields(document);
            return Task.CompletedTask;
        });
    });

    internal static string? UniqueName(JsonTypeInfo info, ConcurrentDictionary<string, Type> names)
    {
        var name = OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        if (name is null)
            return null;
        var owner = names.GetOrAdd(name, info.Type);
        if (owner != info.Type)
            throw new InvalidOperationException($"OpenAPI schema name '{name}' is taken by {owner.FullName} and {info.Type.FullName}; rename one of them.");
        return name;
    }

    /// <summary>docs/API.md "Ids": a JSON number, or a decimal string beyond 2^53 − 1, which no Greenhouse id reaches.</summary>
    private static void DescribeInt64(OpenApiSchema schema, Type type)
    {
        if (type != typeof(long) && type != typeof(long?))
            return;
        schema.Type = type == typeof(long?) ? JsonSchemaType.Integer | JsonSchemaType.Null : JsonSchemaType.Integer;
        schema.Format = "int64";
        schema.Pattern = null;
        schema.Description ??= "int64, sent as a JSON number (an id above 2^53 − 1 would be sent as a decimal string; see the introduction).";
    }

    /// <summary>Enums are sent by name (JsonStringEnumConverter); without a type a generator reads them as numbers.</summary>
    private static void DescribeEnum(OpenApiSchema schema, Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (!(underlying ?? type).IsEnum || schema.Enum is not { Count: > 0 })
            return;
        schema.Type = underlying is null ? JsonSchemaType.String : JsonSchemaType.String | JsonSchemaType.Null;
    }

    private static void DescribeOperation(OpenApiOperation operation, OpenApiOperationTransformerContext context)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<MethodInfo>().FirstOrDefault() is { } handler && operation.OperationId is null)
            operation.OperationId = $"{handler.DeclaringType?.Name.Replace("Api", "", StringComparison.Ordinal)}_{handler.Name}";
        var anonymous = metadata.OfType<IAllowAnonymous>().Any();
        if (!anonymous)
            operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, context.Document)] = [] }];

        var method = context.Description.HttpMethod ?? "GET";
        var hasPathIds = context.Description.ParameterDescriptions.Any(p => p.Source.Id == "Path");
        var hasBody = operation.RequestBody is not null;
        var greenhouse = metadata.OfType<EnableRateLimitingAttribute>().Any(a => a.PolicyName == "expensive");
        operation.Responses ??= new OpenApiResponses();
        void Problem(int status, string description)
        {
            operation.Responses.TryAdd(status.ToString(), new OpenApiResponse
            {
                Description = description,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(ProblemSchema, context.Document) },
                },
            });
        }

        Problem(400, "The request is malformed: a field of the wrong type, an unknown field, or a bad query value (the problem names it).");
        if (!anonymous)
        {
            Problem(401, "No bearer token, or one that is not valid.");
            Problem(403, "The token may not do this (an org token on an admin route, or a role without the right).");
        }

        if (hasPathIds || !anonymous)
            Problem(404, "Nothing by that id here (another org's resources look the same).");
        if (method != "GET" && !anonymous)
            Problem(409, "The request conflicts with the current state (an If-Match that no longer matches, a slot just taken).");
        if (anonymous && hasPathIds)
            Problem(410, "The link expired, was revoked or was used up.");
        if (hasBody)
            Problem(422, "The body is well-formed but not valid: errors lists every field and what is wrong with it.");
        Problem(429, "Rate limited; retry after the Retry-After header's seconds.");
        if (greenhouse)
        {
            Problem(502, "Greenhouse answered with an error or something that is not Harvest.");
            Problem(504, "Greenhouse did not answer in time.");
        }

        Problem(503, "Busy or degraded (Greenhouse rate budget, cluster, database); retry after Retry-After.");
    }

    private static OpenApiSchema ProblemDocument() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "An RFC 9457 problem. `type` is stable; `errors` names each invalid field.",
        Required = new HashSet<string> { "title", "status" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "uri-reference" },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32" },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["traceId"] = new OpenApiSchema { Type = JsonSchemaType.String },
            ["greenhouse"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object, Description = "What Greenhouse said, on a Greenhouse failure: failure kind, HTTP status, message, errors.",
                AdditionalProperties = new OpenApiSchema(),
            },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}
