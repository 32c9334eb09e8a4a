using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Countersign.Server.Api;

/// <summary>Declares the bearer token scheme in the OpenAPI document, so the reference page can send a token.</summary>
internal sealed class OpenApiSecurity : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "Countersign API";
        document.Info.Description = "Changes, evaluations, sign-offs, deploy decisions, the org directory and the audit log. "
            + "Authenticate with `Authorization: Bearer cst_…`; scopes: ci, reviewer, admin.";
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes["bearer"] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "An API token created by an admin (POST /api/v1/tokens).",
        };
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        return Task.CompletedTask;
    }
}
