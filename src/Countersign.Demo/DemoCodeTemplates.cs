namespace Countersign.Demo;

/// <summary>
/// Generates plausible source text: a file's header and footer, and "blocks" (a method, a function, a resource,
/// a config section) whose body length varies, so that diffs have believable line counts.
/// </summary>
internal static class DemoCodeTemplates
{
    public static List<string> Header(DemoArea area, string stem) => area.Language switch
    {
        DemoLanguage.CSharp =>
        [
            "using Microsoft.Extensions.Logging;", "",
            $"namespace Acme.{Namespace(area)};", "",
            $"public sealed class {stem}Service({stem}Store store, IMetrics metrics, TimeProvider clock, ILogger<{stem}Service> logger)",
            "{",
            "    private readonly TimeSpan _defaultTimeout = TimeSpan.FromSeconds(30);",
        ],
        DemoLanguage.Go =>
        [
            "package payments", "",
            "import (", "\t\"context\"", "\t\"fmt\"", "\t\"time\"", ")", "",
            $"// {stem}Store loads and saves {DemoWords.Snake(stem)} records.",
            $"type {stem}Store interface {{", $"\tGet(ctx context.Context, id string) (*{stem}, error)", "}",
        ],
        DemoLanguage.TypeScript =>
        [
            "import { NotFoundError } from '@acme/common';",
            $"import type {{ {stem}Deps, {stem} }} from './types';", "",
            $"const DEFAULT_TIMEOUT_MS = {1000 * (stem.Length % 5 + 1)};",
        ],
        DemoLanguage.Python =>
        [
            "from __future__ import annotations", "",
            "import logging", "", "from search.errors import NotFoundError",
            $"from search.models import {stem}, Session", "",
            "log = logging.getLogger(__name__)",
        ],
        DemoLanguage.Sql => [$"-- {stem}: schema migration for acme-shop", "BEGIN;"],
        DemoLanguage.Terraform => [$"# {stem} resources for acme-shop", "locals {", $"  {DemoWords.Snake(stem)}_prefix = \"acme-${{var.environment}}\"", "}"],
        _ when area == DemoAreas.FeatureFlags => ["# Feature flags, evaluated by every service at start-up.", "flags:"],
        _ => [$"# {stem}: organisation-wide settings, read by every service.", "version: 3"],
    };

    public static List<string> Footer(DemoArea area) => area.Language switch
    {
        DemoLanguage.CSharp => ["}"],
        DemoLanguage.Sql => ["", "COMMIT;"],
        _ => [],
    };

    public static List<string> Block(DemoArea area, Random random)
    {
        var verb = DemoWords.Pick(DemoWords.Verbs, random);
        var noun = DemoWords.Pick(DemoWords.Nouns, random);
        var n = DemoWords.Camel(noun);
        var statements = random.Next(1, 7);
        var body = area.Language switch
        {
            DemoLanguage.CSharp => new List<string>
            {
                "", $"    public async Task<{noun}Result> {verb}{noun}Async(Guid {n}Id, CancellationToken cancellationToken)", "    {",
                $"        var {n} = await store.Get{noun}Async({n}Id, cancellationToken).ConfigureAwait(false);",
                $"        if ({n} is null)", "        {",
                $"            logger.LogWarning(\"{noun} {{Id}} was not found\", {n}Id);",
                $"            return {noun}Result.NotFound({n}Id);", "        }", "",
            },
            DemoLanguage.Go => new List<string>
            {
                "", $"// {verb}{noun} {verb.ToLowerInvariant()}s the {n} identified by id.",
                $"func (s *Service) {verb}{noun}(ctx context.Context, id string) (*{noun}, error) {{",
                $"\t{n}, err := s.{n}s.Get(ctx, id)", "\tif err != nil {",
                $"\t\treturn nil, fmt.Errorf(\"{verb.ToLowerInvariant()} {n} %s: %w\", id, err)", "\t}",
            },
            DemoLanguage.TypeScript => new List<string>
            {
                "", $"export async function {DemoWords.Camel(verb)}{noun}(id: string, deps: {noun}Deps): Promise<{noun}> {{",
                $"  const {n} = await deps.repository.find{noun}(id);", $"  if (!{n}) {{",
                $"    throw new NotFoundError(`{noun} ${{id}} not found`);", "  }",
            },
            DemoLanguage.Python => new List<string>
            {
                "", "", $"def {DemoWords.Snake(verb)}_{DemoWords.Snake(noun)}({DemoWords.Snake(noun)}_id: str, *, session: Session) -> {noun}:",
                $"    \"\"\"{verb} the {n} with the given id.\"\"\"",
                $"    {DemoWords.Snake(noun)} = session.get({noun}, {DemoWords.Snake(noun)}_id)",
                $"    if {DemoWords.Snake(noun)} is None:", $"        raise NotFoundError(f\"{n} {{{DemoWords.Snake(noun)}_id}} not found\")",
            },
            DemoLanguage.Sql => SqlBlock(noun, random),
            DemoLanguage.Terraform => TerraformBlock(verb, noun, random),
            _ when area == DemoAreas.FeatureFlags => new List<string>
            {
                $"  - key: {DemoWords.Kebab(verb)}-{DemoWords.Kebab(noun)}-v{random.Next(2, 5)}",
                $"    owner: team-{DemoAreas.All[random.Next(5)].Team}", $"    enabled: {(random.Next(2) == 0 ? "true" : "false")}",
                $"    rollout_percent: {random.Next(0, 11) * 10}",
            },
            _ => new List<string>
            {
                $"{DemoWords.Snake(noun)}_{DemoWords.Snake(verb)}:", "  enabled: true",
                $"  timeout_ms: {random.Next(2, 40) * 250}", $"  max_retries: {random.Next(1, 6)}",
            },
        };
        if (area.Language is DemoLanguage.CSharp or DemoLanguage.Go or DemoLanguage.TypeScript or DemoLanguage.Python)
        {
            for (var i = 0; i < statements; i++)
            {
                body.Add(Statement(area.Language, noun, random));
            }

            body.AddRange(area.Language switch
            {
                DemoLanguage.CSharp => [$"        return {noun}Result.Ok({n});", "    }"],
                DemoLanguage.Go => [$"\treturn {n}, nil", "}"],
                DemoLanguage.TypeScript => [$"  return {n};", "}"],
                _ => [$"    return {DemoWords.Snake(noun)}"],
            });
        }

        return body;
    }

    /// <summary>One statement line inside a block of <paramref name="language"/>, with the block's indentation.</summary>
    public static string Statement(DemoLanguage language, string noun, Random random)
    {
        var n = DemoWords.Camel(noun);
        var s = DemoWords.Snake(noun);
        var k = random.Next(2, 60);
        string[] options = language switch
        {
            DemoLanguage.CSharp =>
            [
                $"        logger.LogInformation(\"Loaded {noun} {{Id}}\", {n}.Id);",
                $"        metrics.Increment(\"{s}.processed\", {k});",
                $"        {n}.UpdatedAt = clock.GetUtcNow();",
                $"        var attempts = Math.Min({n}.Attempts + 1, {k});",
                "        cancellationToken.ThrowIfCancellationRequested();",
                $"        var timeout = _defaultTimeout + TimeSpan.FromMilliseconds({k * 50});",
                $"        await store.Save{noun}Async({n}, cancellationToken).ConfigureAwait(false);",
            ],
            DemoLanguage.Go =>
            [
                $"\ts.metrics.Inc(\"{s}_processed_total\")",
                $"\t{n}.UpdatedAt = time.Now().UTC()",
                $"\ts.log.Info(\"loaded {s}\", \"id\", id, \"attempt\", {k % 5 + 1})",
                $"\t{n}.Attempts++",
                $"\t{n}.Deadline = time.Now().Add({k} * time.Second)",
                $"\t_ = s.audit.Record(ctx, \"{s}.read\", id)",
            ],
            DemoLanguage.TypeScript =>
            [
                $"  deps.metrics.increment('{s}.loaded', {k});",
                $"  deps.logger.info({{ id, {n}Id: {n}.id }}, 'loaded {s}');",
                $"  {n}.updatedAt = new Date().toISOString();",
                $"  const retries = Math.min({n}.retries + 1, {k});",
                $"  await deps.cache.set(`{s}:${{id}}`, {n}, {{ ttlMs: DEFAULT_TIMEOUT_MS * {k % 7 + 1} }});",
            ],
            _ =>
            [
                $"    log.info(\"loaded {s}\", extra={{\"id\": {s}_id}})",
                $"    {s}.updated_at = utcnow()",
                $"    {s}.attempts = min({s}.attempts + 1, {k})",
                $"    session.metrics.incr(\"{s}.loaded\", {k})",
                $"    session.cache.set(f\"{s}:{{{s}_id}}\", {s}, ttl={k * 10})",
            ],
        };
        return options[random.Next(options.Length)];
    }

    private static string Namespace(DemoArea area) => area == DemoAreas.Common ? "Common" : "Checkout.Api";

    private static List<string> SqlBlock(string noun, Random random)
    {
        var table = DemoWords.Snake(DemoWords.Plural(noun));
        return random.Next(3) == 0
            ? ["", $"ALTER TABLE {table}", $"    ADD COLUMN IF NOT EXISTS {DemoWords.Pick(["archived_at", "region", "external_ref", "currency"], random)} TEXT;"]
            :
            [
                "", $"CREATE TABLE IF NOT EXISTS {table} (", "    id UUID PRIMARY KEY,", "    tenant_id UUID NOT NULL,",
                $"    amount_minor BIGINT NOT NULL DEFAULT {random.Next(0, 2)},", "    created_at TIMESTAMPTZ NOT NULL DEFAULT now()", ");",
                $"CREATE INDEX IF NOT EXISTS ix_{table}_tenant ON {table} (tenant_id, created_at);",
            ];
    }

    private static List<string> TerraformBlock(string verb, string noun, Random random)
    {
        var name = $"{DemoWords.Snake(noun)}_{DemoWords.Snake(verb)}";
        return random.Next(2) == 0
            ?
            [
                "", $"resource \"aws_sqs_queue\" \"{name}\" {{", $"  name                       = \"acme-{DemoWords.Kebab(noun)}-${{var.environment}}\"",
                $"  visibility_timeout_seconds = {random.Next(3, 30) * 10}", $"  message_retention_seconds  = {random.Next(1, 14) * 86400}",
                "  tags                       = local.tags", "}",
            ]
            :
            [
                "", $"resource \"aws_cloudwatch_metric_alarm\" \"{name}\" {{", $"  alarm_name          = \"{DemoWords.Kebab(noun)}-errors\"",
                "  comparison_operator = \"GreaterThanThreshold\"", $"  evaluation_periods  = {random.Next(1, 6)}",
                $"  threshold           = {random.Next(1, 50)}", "  metric_name         = \"Errors\"", "  namespace           = \"AWS/Lambda\"", "}",
            ];
    }
}
