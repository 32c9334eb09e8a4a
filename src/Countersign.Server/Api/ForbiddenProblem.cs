using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>403: the caller may not do this.</summary>
internal sealed class ForbiddenProblem(ProblemDetails details) : ProblemAnswer(details, StatusCodes.Status403Forbidden);
