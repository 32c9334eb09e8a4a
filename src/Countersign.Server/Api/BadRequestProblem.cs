using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>
/// The request as sent cannot be taken: 400 (a field malformed or out of bounds, named in <c>field</c>), 413 (a body
/// too large) or 415 (a body not in the media type the endpoint reads).
/// </summary>
internal sealed class BadRequestProblem(ProblemDetails details, int status) : ProblemAnswer(details, status);
