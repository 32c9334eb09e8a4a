namespace Countersign.Demo;

/// <summary>The areas of the acme-shop monorepo. Weights say how often ordinary work lands in each.</summary>
internal static class DemoAreas
{
    public static readonly DemoArea Checkout = new("checkout", "services/checkout", "services/checkout/src/Checkout.Api",
        DemoLanguage.CSharp, "checkout", 16, ["Cart", "Order", "Discount"]);

    public static readonly DemoArea Payments = new("payments", "services/payments", "services/payments/internal/payments",
        DemoLanguage.Go, "payments", 14, ["Capture", "Refund", "Webhook"]);

    public static readonly DemoArea Catalog = new("catalog", "services/catalog", "services/catalog/src",
        DemoLanguage.TypeScript, "catalog", 12, ["Product", "Price", "SearchBox"]);

    public static readonly DemoArea Search = new("search", "services/search", "services/search/search",
        DemoLanguage.Python, "search", 10, ["Indexer", "Ranking", "Query"]);

    public static readonly DemoArea Notifications = new("notifications", "services/notifications", "services/notifications/src",
        DemoLanguage.TypeScript, "notifications", 8, ["Email", "Sms", "Template"]);

    public static readonly DemoArea Common = new("common", "libs/common", "libs/common/src/Acme.Common",
        DemoLanguage.CSharp, "platform", 6, ["Retry", "Money", "Clock"]);

    public static readonly DemoArea Migrations = new("migrations", "db/migrations", "db/migrations",
        DemoLanguage.Sql, "platform", 5, ["CreateOrders", "CreatePayments"]);

    public static readonly DemoArea Terraform = new("terraform", "infra/terraform", "infra/terraform",
        DemoLanguage.Terraform, "platform", 5, ["Network", "Queues"]);

    public static readonly DemoArea GlobalConfig = new("global-config", "config/global", "config/global",
        DemoLanguage.Yaml, "platform", 3, ["Settings", "RateLimits"]);

    public static readonly DemoArea FeatureFlags = new("feature-flags", "config/feature-flags", "config/feature-flags",
        DemoLanguage.Yaml, "platform", 4, ["Flags"]);

    public static readonly IReadOnlyList<DemoArea> All =
        [Checkout, Payments, Catalog, Search, Notifications, Common, Migrations, Terraform, GlobalConfig, FeatureFlags];

    public static DemoArea Pick(Random random)
    {
        var roll = random.Next(All.Sum(a => a.Weight));
        foreach (var area in All)
        {
            roll -= area.Weight;
            if (roll < 0)
            {
                return area;
            }
        }

        return All[^1];
    }
}
