using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace Countersign.Server.Api;

/// <summary>415: the body is not of the media type the endpoint reads.</summary>
internal sealed class UnsupportedMediaProblem(ProblemDetails details) : ProblemAnswer(details, StatusCodes.Status415UnsupportedMediaType);
