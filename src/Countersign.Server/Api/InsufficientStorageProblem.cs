using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>507: the mirrors are at their disk cap; nothing was stored.</summary>
internal sealed class InsufficientStorageProblem(ProblemDetails details) : ProblemAnswer(details, StatusCodes.Status507InsufficientStorage);
