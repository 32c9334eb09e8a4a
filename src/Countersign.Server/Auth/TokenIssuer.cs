using Countersign.Core.Text;
using Countersign.Contracts;
using Countersign.Core.Organisation;
using Countersign.Server.Data;
using Countersign.Server.Evaluation;

namespace Countersign.Server.Auth;

/// <summary>
/// Decides whether a token may be created as asked — a printable name, a known scope, a lifetime of 1 to 366 days, and
/// for a reviewer token exactly one person of the directory — and creates it; a refusal is a value naming the field.
/// </summary>
internal sealed class TokenIssuer(TokenStore tokens, ServerDatabase database, ServerEvaluator evaluator)
{
    public async Task<Outcome<CreatedToken>> IssueAsync(TokenRequest request, string actor, CancellationToken cancellation)
    {
        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Length > 200 || request.Name.Any(c => char.IsControl(c) || char.IsSurrogate(c)))
        {
            return new Problem.Invalid("name", "must be 1 to 200 printable characters");
        }

        if (!Scopes.All.Contains(request.Scope))
        {
            return new Problem.Invalid("scope", $"must be one of {string.Join(", ", Scopes.All)}");
        }

        if (request.ExpiresInDays is < 1 or > 366)
        {
            return new Problem.Invalid("expiresInDays", "must be between 1 and 366");
        }

        string? person = null;
        if (request.Scope == Scopes.Reviewer)
        {
            if (request.Person is null)
            {
                return new Problem.Invalid("person", "a reviewer token acts as one person: name the person id");
            }

            var directory = await database.ReadAsync(c => evaluator.OrgAsync(c), cancellation);
            person = directory.Org.FindPerson(request.Person)?.Id;
            if (person is null)
            {
                return new Problem.Invalid("person", $"'{UntrustedText.Bound(request.Person, 100)}' is not in the org directory{Spelling.DidYouMean(request.Person, directory.Org.People.Select(p => p.Id))}");
            }
        }
        else if (request.Person is not null)
        {
            return new Problem.Invalid("person", "only reviewer tokens act as a person");
        }

        return await tokens.CreateAsync(request, actor, person, null, cancellation);
    }
}
