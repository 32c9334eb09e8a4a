using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>409: the request was made against content that has moved on.</summary>
internal sealed class ConflictProblem(ProblemDetails details) : ProblemAnswer(details, StatusCodes.Status409Conflict);
