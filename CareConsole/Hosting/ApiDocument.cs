using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace CareConsole.Hosting;

/// <summary>
/// The API document at <c>/openapi/v1.json</c> (OpenAPI 3.1): every public endpoint under <c>/api</c> and
/// <c>/health</c>, with the two bearer tokens they take. Pages, the theme, staff account forms and the dashboard's
/// CSV exports are for browsers and stay out.
/// </summary>
public static class ApiDocument
{
    /// <summary>Where <c>MapOpenApi</c> serves the document by default: <c>/openapi/{documentName}.json</c>.</summary>
    public const string Path = "/openapi/v1.json";

    /// <summary>A customer's conversation token, as <c>POST /api/conversations</c> hands it out.</summary>
    public const string ConversationTokenScheme = "conversationToken";

    /// <summary>A manager's personal access token (<c>ccpat_…</c>), for <c>/api/reports</c>.</summary>
    public const string PersonalAccessTokenScheme = "personalAccessToken";

    /// <summary>Marks an endpoint, in the document, as needing the bearer token of <c>Scheme</c>.</summary>
    private sealed record DocumentedToken(string Scheme);

    public static TBuilder RequiresTokenInDocument<TBuilder>(this TBuilder builder, string scheme) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new DocumentedToken(scheme));

    public static void AddApiDocument(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "CareConsole API",
                    Version = "v1",
                    Description = "Customer conversations, the help centre, message analysis and health, for integrations; "
                        + "the reporting API for managers' tools. Refusals are problem details (RFC 9457); every endpoint is "
                        + "rate-limited (429 with Retry-After).",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
                document.Components.SecuritySchemes[ConversationTokenScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    Description = "The token POST /api/conversations returns with the conversation's id; it opens that conversation only.",
                };
                document.Components.SecuritySchemes[PersonalAccessTokenScheme] = new OpenApiSecurityScheme
                {
                    Type = SecuritySchemeType.Http,
                    Scheme = "bearer",
                    BearerFormat = "ccpat_…",
                    Description = "A manager's personal access token, made with 'staff token create'. Staff cookies and conversation tokens are not accepted.",
                };
                document.Paths.Add("/health", Health(document));
                return Task.CompletedTask;
            });
            options.AddSchemaTransformer((schema, _, _) =>
            {
                // The serializer also reads numbers written as strings (the web defaults), which the generator reports as
                // "number or string" with a pattern; every number this API writes is a JSON number, and the document says so.
                if (schema.Type is { } type && type.HasFlag(JsonSchemaType.String) && (type.HasFlag(JsonSchemaType.Number) || type.HasFlag(JsonSchemaType.Integer)))
                {
                    schema.Type = type & ~JsonSchemaType.String;
                    schema.Pattern = null;
                }
                return Task.CompletedTask;
            });
            options.AddOperationTransformer((operation, context, _) =>
            {
                if (context.Description.ActionDescriptor.EndpointMetadata.OfType<DocumentedToken>().LastOrDefault() is { } token)
                {
                    operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(token.Scheme, context.Document)] = [] }];
                }
                return Task.CompletedTask;
            });
        });

    /// <summary>The document itself: anonymous, like the endpoints it describes, and counted like other public reads.</summary>
    public static void MapApiDocument(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapOpenApi().RequireRateLimiting(RateLimiting.Other);

    /// <summary>
    /// <c>GET /health</c>, written out by hand: health checks are not route handlers, so the document's generator does
    /// not see them.
    /// </summary>
    private static OpenApiPathItem Health(OpenApiDocument document)
    {
        IOpenApiSchema Text() => new OpenApiSchema { Type = JsonSchemaType.String };
        IOpenApiSchema Status() => new OpenApiSchema { Type = JsonSchemaType.String, Enum = [JsonValue.Create("healthy"), JsonValue.Create("degraded"), JsonValue.Create("unhealthy")] };
        IOpenApiSchema Milliseconds() => new OpenApiSchema { Type = JsonSchemaType.Number, Format = "double" };
        var report = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["status"] = Status(),
                ["durationMs"] = Milliseconds(),
                ["checks"] = new OpenApiSchema
                {
                    Type = JsonSchemaType.Array,
                    Items = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["name"] = Text(),
                            ["status"] = Status(),
                            ["durationMs"] = Milliseconds(),
                            ["description"] = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Null },
                        },
                    },
                },
            },
        };
        OpenApiResponse Answer(string description) => new()
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = report } },
        };
        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = "Health" });
        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation>
            {
                [HttpMethod.Get] = new()
                {
                    OperationId = "GetHealth",
                    Summary = "Whether the console and its database are up",
                    Description = "200 when every check passes, 503 when one fails: for load balancers and uptime monitors.",
                    Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
                    Responses = new OpenApiResponses
                    {
                        ["200"] = Answer("Every check passes."),
                        ["503"] = Answer("A check fails; the body says which."),
                        ["429"] = new OpenApiResponse { Description = "Too many requests; Retry-After says when to try again." },
                    },
                },
            },
        };
    }
}
