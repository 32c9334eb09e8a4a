using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>400: a field the client sent is malformed or out of bounds; the document names it in <c>field</c>.</summary>
internal sealed class BadRequestProblem(ProblemDetails details) : ProblemAnswer(details, StatusCodes.Status400BadRequest);
