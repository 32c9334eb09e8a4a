using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>503 (a repository's remote cannot be fetched, or another process holds its mirror) or 507 (the mirrors are at their cap): nothing was decided; clients fail closed.</summary>
internal sealed class UnavailableProblem(ProblemDetails details, int status) : ProblemAnswer(details, status);
