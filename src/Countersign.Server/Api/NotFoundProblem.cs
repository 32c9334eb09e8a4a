using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>404: there is no such change, sign-off or team.</summary>
internal sealed class NotFoundProblem(ProblemDetails details) : ProblemAnswer(details, StatusCodes.Status404NotFound);
