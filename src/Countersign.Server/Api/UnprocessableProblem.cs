using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>422: understood, and refused (a sign-off that would not count, a policy that does not compile).</summary>
internal sealed class UnprocessableProblem(ProblemDetails details) : ProblemAnswer(details, StatusCodes.Status422UnprocessableEntity);
