namespace Countersign.Demo;

/// <summary>
/// Decides every commit of the demo history: the scaffold, then a shuffled mix of human work, AI-assisted work with
/// each tool's real markers, bots, traps, reverts, fixes and merged feature branches. Deterministic: a fixed seed
/// and a fixed calendar give the same plan (and so the same shas) on every machine.
/// </summary>
internal sealed class DemoHistoryPlan
{
    public const int Seed = 20_261_120;
    public const string Main = "refs/heads/main";
    private const int MarkedNoteTarget = 8;
    private const int MarkedTraceTarget = 3;

    private readonly Random _random = new(Seed);
    private readonly DemoSourceTree _tree = new();
    private readonly DemoWorkGenerator _work;
    private readonly DemoBots _bots;
    private readonly DemoMessages _messages;
    private readonly List<DemoCommit> _commits = [];
    private readonly Dictionary<string, int> _tips = new(StringComparer.Ordinal);
    private readonly List<DemoRevertable> _revertable = [];
    private readonly IReadOnlyList<DemoTrap> _traps;
    private int _notes;
    private int _traces;
    private int _pullRequest = 180;
    private bool _copilotBranch;

    private DemoHistoryPlan()
    {
        var manifests = new DemoManifests();
        _work = new DemoWorkGenerator(_tree, _random);
        _bots = new DemoBots(_tree, manifests, _random);
        _messages = new DemoMessages(_random);
        _traps = DemoTraps.All(_tree, _work);
        foreach (var step in DemoScaffold.Steps(_tree, manifests, _random))
        {
            step.Apply();
            Commit(Main, new DemoCommit { Mark = 0, Ref = Main, Who = Human(step.Author, $"{step.Subject}\n\n{step.Body}\n"), Changes = [], Kind = DemoCommitKind.Human });
        }
    }

    /// <summary>The planned commits in creation order (parents before children), with their dates.</summary>
    public static IReadOnlyList<DemoCommit> Build()
    {
        var plan = new DemoHistoryPlan();
        var queue = plan.Shuffle(DemoSlot.Quotas(plan._traps.Count));
        for (var i = 0; i < queue.Count; i++)
        {
            if (queue[i].Kind == "merge")
            {
                plan.Branch(queue, i);
            }
            else
            {
                plan.Make(queue[i], Main);
            }
        }

        var times = DemoCalendar.Spread(plan._commits.Count, plan._random);
        return plan._commits.Select((c, i) => c with { When = times[i] }).ToList();
    }

    private void Make(DemoSlot slot, string @ref, DemoPerson? requester = null)
    {
        var area = DemoAreas.Pick(_random);
        switch (slot.Kind)
        {
            case "human" or "declared":
            {
                var person = requester ?? DemoPeople.PickFor(area.Team, _random);
                var work = _work.Make(area, 1);
                var declared = slot.Kind == "declared";
                Commit(@ref, Draft(@ref, Human(person, _messages.Human(person, work, declared)), declared ? DemoCommitKind.DeclaredHuman : DemoCommitKind.Human));
                break;
            }

            case "ai":
                MakeAi(slot.Variant!, area, @ref, requester);
                break;
            case "note-only" or "trace-only":
                MakeUnmarkedAi(slot, area, Main);
                break;
            case "review":
            {
                var person = DemoPeople.PickFor(area.Team, _random);
                var work = _work.Tune(area.Language is DemoLanguage.Sql or DemoLanguage.Yaml or DemoLanguage.Terraform ? DemoAreas.Checkout : area);
                var who = DemoAiStyles.ReviewSuggestion(slot.Variant!, person, $"Tightens {work.Subject.Split(": ")[^1]} as suggested on #{++_pullRequest}.");
                Commit(@ref, Draft(@ref, who, DemoCommitKind.AiReview) with { Tool = slot.Variant });
                break;
            }

            case "bot":
                Commit(@ref, Draft(@ref, slot.Variant switch { "dependabot" => _bots.Dependabot(), "renovate" => _bots.Renovate(), _ => _bots.Release() }, DemoCommitKind.Bot));
                break;
            case "trap":
            {
                var trap = _traps[int.Parse(slot.Variant!, System.Globalization.CultureInfo.InvariantCulture)];
                trap.Apply();
                var kind = trap.DeclaresHuman ? DemoCommitKind.DeclaredHuman : DemoCommitKind.Human;
                Commit(@ref, Draft(@ref, Human(trap.Author, trap.Message), kind) with { Trap = trap.Name });
                break;
            }

            case "revert" when Revert():
            case "fix" when Fix():
                break;
            default:
                Make(new DemoSlot("human", null), @ref);
                break;
        }
    }

    private void MakeAi(string variant, DemoArea area, string @ref, DemoPerson? requester)
    {
        var human = requester ?? (variant == "aider" && _random.Next(5) > 0 ? DemoPeople.Alice : DemoPeople.PickFor(area.Team, _random, preferJuniors: true));
        var before = _tree.Snapshot(_tree.Paths);
        var work = _work.Make(area, human.Level == "junior" ? 3 : 2);
        var who = DemoAiStyles.Apply(variant, human, work.Subject, _messages.AiBody(work), _random);
        var tool = DemoAiStyles.ToolId(variant);
        var note = DemoNotes.GitAiTool(variant) is { } noteTool && _notes < MarkedNoteTarget && work.Added.Any(b => b.Lines.Count >= 4) && _random.Next(2) == 0
            ? NewNote(noteTool, human, work) : null;
        var trace = tool == "claude-code" && variant != "claude-kernel" && @ref == Main && _traces < MarkedTraceTarget && work.Added.Count > 0 && _random.Next(4) == 0
            ? NewTrace(work) : null;
        var mark = Commit(@ref, Draft(@ref, who, DemoCommitKind.Ai) with { Tool = tool, Note = note, Trace = trace });
        if (@ref == Main && trace is null)
        {
            var after = _commits[^1].Changes;
            _revertable.Add(new DemoRevertable(mark, work.Subject, after.ToDictionary(c => c.Path, c => before.GetValueOrDefault(c.Path), StringComparer.Ordinal), after));
        }
    }

    /// <summary>AI work whose only evidence is line-level: a git-ai note, or an Agent Trace record (main only: the traces file lives there).</summary>
    private void MakeUnmarkedAi(DemoSlot slot, DemoArea area, string @ref)
    {
        var human = DemoPeople.PickFor(area.Team, _random, preferJuniors: true);
        var work = _work.NewFile(area.Language == DemoLanguage.Sql ? DemoAreas.Search : area, 2);
        var draft = Draft(@ref, Human(human, _messages.Human(human, work, declared: false)), DemoCommitKind.Ai);
        draft = slot.Kind == "note-only"
            ? draft with { Tool = DemoNotes.ToolId(slot.Variant!), Note = NewNote(slot.Variant!, human, work) }
            : draft with { Tool = "claude-code", Trace = NewTrace(work) };
        Commit(@ref, draft);
    }

    private void Branch(List<DemoSlot> queue, int index)
    {
        var pulled = new List<DemoSlot>();
        var want = _random.Next(2, 4);
        if (!_copilotBranch && queue.FindIndex(index + 1, s => s is { Kind: "ai", Variant: "copilot" }) is var agent and > 0)
        {
            // At least one pull request by Copilot's agent, which always works on a copilot/… branch.
            _copilotBranch = true;
            pulled.Add(queue[agent]);
            queue.RemoveAt(agent);
            want = 1;
        }

        for (var j = index + 1; j < queue.Count && pulled.Count < want; j++)
        {
            if (queue[j].Kind is "human" or "declared" or "ai" && !(pulled.Count > 0 && queue[j].Variant == "copilot"))
            {
                pulled.Add(queue[j]);
                queue.RemoveAt(j--);
            }
        }

        if (pulled.Count == 0)
        {
            return;
        }

        var number = ++_pullRequest;
        var copilot = pulled[0].Variant == "copilot";
        var requester = DemoPeople.PickFor(DemoAreas.Pick(_random).Team, _random, preferJuniors: true);
        var name = $"{(copilot ? "copilot" : "feature")}/{DemoWords.Kebab(DemoWords.Pick(DemoWords.Verbs, _random))}-{DemoWords.Kebab(DemoWords.Pick(DemoWords.Nouns, _random))}-{number}";
        var branchRef = $"refs/heads/{name}";
        _tips[branchRef] = _tips[Main];
        var first = _commits.Count + 1;
        if (copilot)
        {
            var plan = $"Initial plan\n\nCo-authored-by: {requester.Handle} <{requester.GitHubNoReplyEmail}>\n";
            Commit(branchRef, Draft(branchRef, new DemoAuthorship(DemoAiStyles.CopilotAgent, DemoPeople.GitHubWeb, plan), DemoCommitKind.Ai) with { Tool = "copilot" });
        }

        foreach (var slot in pulled)
        {
            Make(slot, branchRef, slot.Kind == "ai" && slot.Variant != "aider" ? requester : null);
        }

        var changed = _commits.Skip(first - 1).Where(c => c.Ref == branchRef).SelectMany(c => c.Changes).Select(c => c.Path).Distinct().Order(StringComparer.Ordinal);
        var mergers = DemoPeople.Engineers.Where(p => p.Level is "senior" or "staff" && p != requester).ToList();
        var merger = mergers[_random.Next(mergers.Count)];
        var title = _commits.First(c => c.Mark >= first && c.Ref == branchRef && c.Subject != "Initial plan").Subject;
        var who = new DemoAuthorship(merger.Signature, DemoPeople.GitHubWeb, $"Merge pull request #{number} from acme-shop/{name}\n\n{title}\n");
        _ = _tree.TakeChanges();
        Commit(Main, Draft(Main, who, DemoCommitKind.Merge) with { MergeFrom = _tips[branchRef], Changes = changed.Select(_tree.Current).ToList() });
        _tips.Remove(branchRef);
    }

    private bool Revert()
    {
        var target = _revertable.LastOrDefault(r => _commits.Count - r.Mark < 12 && r.After.All(Unchanged));
        if (target is null)
        {
            return false;
        }

        _revertable.Remove(target);
        _tree.Restore(target.Before);
        var person = DemoPeople.Engineers.Where(p => p.Level is "senior" or "staff").ElementAt(_random.Next(3));
        var message = $"Revert \"{target.Subject}\"\n\nThis reverts commit {{{{full:{target.Mark}}}}}.\n\n{_messages.RevertReason()}\n";
        Commit(Main, Draft(Main, Human(person, message), DemoCommitKind.Revert) with { RefersTo = target.Mark });
        return true;
    }

    private bool Fix()
    {
        var candidates = _commits.Where(c => c.Kind is DemoCommitKind.Ai or DemoCommitKind.Human && c.Mark > _commits.Count - 40 && c.Ref == Main
            && c.Changes.Any(ch => _tree.IsEditableSource(ch.Path))).ToList();
        var ai = candidates.Where(c => c.Kind == DemoCommitKind.Ai).ToList();
        var pool = ai.Count > 0 && _random.Next(10) < 7 ? ai : candidates;
        if (pool.Count == 0)
        {
            return false;
        }

        var target = pool[_random.Next(pool.Count)];
        var path = target.Changes.First(ch => _tree.IsEditableSource(ch.Path)).Path;
        var person = DemoPeople.PickFor(_tree.File(path).Area!.Team, _random);
        var work = _work.TuneFile(path);
        var message = $"{work.Area.Name}: fix {DemoWords.Pick(DemoWords.Concerns, _random)} regression in {Path.GetFileNameWithoutExtension(path)}\n\n" +
            $"{_messages.FixReason()}\n\nFixes: {{{{short:{target.Mark}}}}} (\"{target.Subject}\")\nSigned-off-by: {person.Signature}\n";
        Commit(Main, Draft(Main, Human(person, message), DemoCommitKind.Fix) with { RefersTo = target.Mark });
        return true;
    }

    private DemoNotePlan NewNote(string gitAiTool, DemoPerson human, DemoWork work)
    {
        _notes++;
        return DemoNotes.Plan(gitAiTool, human, work, legacy: _notes % 5 == 2, _random);
    }

    private DemoTracePlan NewTrace(DemoWork work)
    {
        _traces++;
        return new DemoTracePlan(DemoIds.Uuid(_random), "claude-code", _traces < 2 ? "2.0.76" : "2.1.4", "anthropic/claude-opus-4-5-20251101",
            $"https://claude.ai/code/session_{DemoIds.Hex(_random, 24)}", work.Added);
    }

    private bool Unchanged(DemoFileChange change)
    {
        var now = _tree.Current(change.Path).Content;
        return now is null ? change.Content is null : change.Content is not null && now.AsSpan().SequenceEqual(change.Content);
    }

    private static DemoAuthorship Human(DemoPerson person, string message) => new(person.Signature, person.Signature, message);

    private static DemoCommit Draft(string @ref, DemoAuthorship who, DemoCommitKind kind) =>
        new() { Mark = 0, Ref = @ref, Who = who, Changes = [], Kind = kind };

    private int Commit(string @ref, DemoCommit draft)
    {
        var mark = _commits.Count + 1;
        var changes = _tree.TakeChanges();
        _commits.Add(draft with
        {
            Mark = mark,
            Ref = @ref,
            From = _tips.TryGetValue(@ref, out var tip) ? tip : null,
            Changes = draft.Changes.Count > 0 ? draft.Changes : changes,
        });
        _tips[@ref] = mark;
        return mark;
    }

    private List<DemoSlot> Shuffle(List<DemoSlot> slots)
    {
        for (var i = slots.Count - 1; i > 0; i--)
        {
            var j = _random.Next(i + 1);
            (slots[i], slots[j]) = (slots[j], slots[i]);
        }

        return slots;
    }
}
