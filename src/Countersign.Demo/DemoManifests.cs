namespace Countersign.Demo;

/// <summary>The dependency manifests of each service, rendered from their pinned versions so bots can bump them.</summary>
internal sealed class DemoManifests
{
    public const string CheckoutProject = "services/checkout/src/Checkout.Api/Checkout.Api.csproj";
    public const string PaymentsModule = "services/payments/go.mod";
    public const string CatalogPackage = "services/catalog/package.json";
    public const string NotificationsPackage = "services/notifications/package.json";
    public const string SearchRequirements = "services/search/requirements.txt";
    public const string TerraformVersions = "infra/terraform/versions.tf";

    public IReadOnlyList<DemoDependency> Dependencies { get; } =
    [
        new(CheckoutProject, "Microsoft.EntityFrameworkCore", "9.0.4", "nuget"),
        new(CheckoutProject, "Polly", "8.5.2", "nuget"),
        new(CheckoutProject, "Serilog.AspNetCore", "9.0.0", "nuget"),
        new(PaymentsModule, "github.com/stripe/stripe-go/v82", "82.1.0", "go_modules"),
        new(PaymentsModule, "github.com/jackc/pgx/v5", "5.7.4", "go_modules"),
        new(PaymentsModule, "go.opentelemetry.io/otel", "1.35.0", "go_modules"),
        new(CatalogPackage, "fastify", "5.3.2", "npm_and_yarn"),
        new(CatalogPackage, "zod", "3.24.3", "npm_and_yarn"),
        new(CatalogPackage, "typescript", "5.8.3", "npm_and_yarn"),
        new(NotificationsPackage, "nodemailer", "6.10.1", "npm_and_yarn"),
        new(NotificationsPackage, "typescript", "5.8.3", "npm_and_yarn"),
        new(SearchRequirements, "fastapi", "0.115.12", "pip"),
        new(SearchRequirements, "opensearch-py", "2.8.0", "pip"),
        new(SearchRequirements, "pydantic", "2.11.4", "pip"),
        new(TerraformVersions, "hashicorp/aws", "5.97.0", "terraform"),
    ];

    public IEnumerable<string> Paths => Dependencies.Select(d => d.Manifest).Distinct();

    public IReadOnlyList<string> Render(string manifest)
    {
        var deps = Dependencies.Where(d => d.Manifest == manifest).ToList();
        return manifest switch
        {
            CheckoutProject =>
            [
                "<Project Sdk=\"Microsoft.NET.Sdk.Web\">", "  <PropertyGroup>", "    <TargetFramework>net9.0</TargetFramework>",
                "    <Nullable>enable</Nullable>", "  </PropertyGroup>", "  <ItemGroup>",
                .. deps.Select(d => $"    <PackageReference Include=\"{d.Name}\" Version=\"{d.Version}\" />"),
                "    <ProjectReference Include=\"../../../../libs/common/src/Acme.Common/Acme.Common.csproj\" />",
                "  </ItemGroup>", "</Project>",
            ],
            PaymentsModule => ["module github.com/acme-shop/payments", "", "go 1.24", "", "require (", .. deps.Select(d => $"\t{d.Name} v{d.Version}"), ")"],
            SearchRequirements => [.. deps.Select(d => $"{d.Name}=={d.Version}")],
            TerraformVersions =>
            [
                "terraform {", "  required_version = \">= 1.8\"", "  required_providers {",
                .. deps.Select(d => $"    {d.Name.Split('/')[1]} = {{\n      source  = \"{d.Name}\"\n      version = \"{d.Version}\"\n    }}"),
                "  }", "}",
            ],
            _ =>
            [
                "{", $"  \"name\": \"@acme/{manifest.Split('/')[1]}\",", "  \"private\": true,", "  \"type\": \"module\",",
                "  \"scripts\": { \"build\": \"tsc -p .\", \"test\": \"vitest run\" },", "  \"dependencies\": {",
                string.Join(",\n", deps.Select(d => $"    \"{d.Name}\": \"^{d.Version}\"")), "  }", "}",
            ],
        };
    }
}
