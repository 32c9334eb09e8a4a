namespace Countersign.Demo;

/// <summary>Commit message bodies in the voices of people and of AI tools (which write longer, bulleted bodies).</summary>
internal sealed class DemoMessages(Random random)
{
    public string Human(DemoPerson person, DemoWork work, bool declared)
    {
        var parts = new List<string> { work.Subject };
        if (work.Body.Length > 0)
        {
            parts.Add(work.Body);
        }

        if (declared)
        {
            parts.Add("No AI was used.");
        }

        var trailers = new List<string>();
        if (random.Next(10) == 0)
        {
            var pair = DemoPeople.Engineers[random.Next(DemoPeople.Engineers.Count)];
            if (pair != person)
            {
                trailers.Add($"Co-authored-by: {pair.Signature}");
            }
        }

        if (person.Level is "senior" or "staff" ? random.Next(3) == 0 : random.Next(6) == 0)
        {
            trailers.Add($"Signed-off-by: {person.Signature}");
        }

        if (trailers.Count > 0)
        {
            parts.Add(string.Join('\n', trailers));
        }

        return string.Join("\n\n", parts) + "\n";
    }

    public string AiBody(DemoWork work)
    {
        var bullets = work.Added.Select(b => $"- Add {b.Lines.Count} lines to {Path.GetFileName(b.Path)}").ToList();
        bullets.Add(DemoWords.Pick(["- Keep existing callers unchanged", "- Log and count the new code path", "- Handle the not-found case explicitly",
            "- Reuse the shared retry policy from libs/common"], random));
        if (random.Next(2) == 0)
        {
            bullets.Add("- Update configuration defaults to match");
        }

        var intro = work.Body.Length > 0 ? work.Body + "\n\n" : "";
        return intro + string.Join('\n', bullets);
    }

    public string RevertReason() => DemoWords.Pick(
    [
        $"It broke checkout in staging (INC-{random.Next(300, 999)}); reverting while we investigate.",
        "Error rates doubled after the deploy. Reverting until the change has tests.",
        "This went out without sign-off from the owning team. Reverting; please reopen the PR.",
        "Latency regression on the hot path, see the dashboard linked in the incident.",
    ], random);

    public string FixReason() => DemoWords.Pick(
    [
        "The previous change assumed the record always exists; it does not for guest carts.",
        "Off-by-one in the retry budget: the last attempt was never made.",
        "A timeout of zero meant 'no timeout' in the old client but 'fail immediately' in the new one.",
        "The new path skipped the tenant filter for archived rows.",
    ], random);
}
