namespace Countersign.Demo;

/// <summary>
/// Makes the ordinary changes of a working day in the tree: add a function or resource, start a new file, tune a
/// few lines, drop dead code. Larger changes for AI-assisted work, as the industry data says.
/// </summary>
internal sealed class DemoWorkGenerator(DemoSourceTree tree, Random random)
{
    private int _migration = 3;

    /// <summary>One change in <paramref name="area"/>; <paramref name="scale"/> is 1 for typical human work, 2–3 for AI-assisted work (more blocks, more new files).</summary>
    public DemoWork Make(DemoArea area, int scale)
    {
        var files = tree.SourceFiles(area);
        var roll = random.Next(100);
        if (area == DemoAreas.Migrations || files.Count == 0 || roll < 8 + 8 * scale)
        {
            return NewFile(area, scale);
        }

        if (area == DemoAreas.FeatureFlags || area == DemoAreas.GlobalConfig || roll < 45 + 5 * scale)
        {
            return roll % 3 == 0 ? Tune(area, files) : AddBlocks(area, files, scale);
        }

        return roll < 90 ? Tune(area, files) : RemoveBlock(area, files);
    }

    public DemoWork NewFile(DemoArea area, int scale)
    {
        var noun = DemoWords.Pick(DemoWords.Nouns, random);
        var stem = area == DemoAreas.Migrations ? $"{DemoWords.Pick(["Create", "Alter", "Index"], random)}{DemoWords.Plural(noun)}" : noun + DemoWords.Pick(["Policy", "Handler", "Client", "Rules", "Cache"], random);
        var path = area.NewFilePath(stem, _migration);
        if (tree.Exists(path))
        {
            return AddBlocks(area, tree.SourceFiles(area), scale);
        }

        if (area == DemoAreas.Migrations)
        {
            _migration++;
        }

        var blocks = Enumerable.Range(0, random.Next(1, 2 + scale)).Select(_ => DemoCodeTemplates.Block(area, random)).ToList();
        var range = tree.Create(path, new DemoSourceFile(area, DemoCodeTemplates.Header(area, stem), blocks, DemoCodeTemplates.Footer(area)));
        var subject = area == DemoAreas.Migrations
            ? $"db: add migration {Path.GetFileNameWithoutExtension(path)}"
            : $"{area.Name}: add {DemoWords.Snake(stem).Replace('_', ' ')}";
        return new DemoWork(area, subject, $"Introduces {Path.GetFileName(path)} with {blocks.Count} entry {(blocks.Count == 1 ? "point" : "points")}.", [new DemoAddedBlock(path, range)]);
    }

    private DemoWork AddBlocks(DemoArea area, IReadOnlyList<string> files, int scale)
    {
        var path = files[random.Next(files.Count)];
        var inserted = new List<List<string>>();
        var count = random.Next(1, 1 + scale);
        for (var i = 0; i < count; i++)
        {
            var block = DemoCodeTemplates.Block(area, random);
            tree.InsertBlock(path, random.Next(tree.File(path).Blocks.Count + 1), block);
            inserted.Add(block);
        }

        var added = Locate(path, inserted);
        var noun = DemoWords.Pick(DemoWords.Nouns, random).ToLowerInvariant();
        var verb = DemoWords.Pick(DemoWords.Verbs, random).ToLowerInvariant();
        return new DemoWork(area, $"{area.Name}: {verb} {DemoWords.Plural(noun)} {Where(area)}", Reason(noun), added);
    }

    public DemoWork Tune(DemoArea area) => Tune(area, tree.SourceFiles(area));

    /// <summary>Changes one to three statement lines of <paramref name="path"/> (a constant, a call).</summary>
    public DemoWork TuneFile(string path)
    {
        var file = tree.File(path);
        var area = file.Area ?? DemoAreas.Common;
        var changes = random.Next(1, 4);
        for (var i = 0; i < changes; i++)
        {
            var b = random.Next(file.Blocks.Count);
            var block = file.Blocks[b];
            var candidates = Enumerable.Range(1, Math.Max(0, block.Count - 2)).Where(l => IsStatement(block[l])).ToList();
            if (candidates.Count > 0)
            {
                var line = candidates[random.Next(candidates.Count)];
                tree.ReplaceLine(path, b, line, DemoMutations.Mutate(area.Language, block[line], random));
            }
        }

        var concern = DemoWords.Pick(DemoWords.Concerns, random);
        return new DemoWork(area, $"{area.Name}: tune {concern} in {Path.GetFileNameWithoutExtension(path)}", Reason(concern), []);
    }

    private DemoWork Tune(DemoArea area, IReadOnlyList<string> files) => TuneFile(files[random.Next(files.Count)]);

    private DemoWork RemoveBlock(DemoArea area, IReadOnlyList<string> files)
    {
        var path = files[random.Next(files.Count)];
        if (tree.File(path).Blocks.Count < 2)
        {
            return Tune(area, files);
        }

        tree.RemoveBlock(path, random.Next(tree.File(path).Blocks.Count));
        return new DemoWork(area, $"{area.Name}: remove dead code from {Path.GetFileName(path)}", "Nothing calls it since the last refactor.", []);
    }

    /// <summary>Where each inserted block ended up: a later insert above an earlier one moves it down.</summary>
    private List<DemoAddedBlock> Locate(string path, IReadOnlyList<List<string>> inserted)
    {
        var file = tree.File(path);
        var located = new List<DemoAddedBlock>();
        for (var i = 0; i < file.Blocks.Count; i++)
        {
            if (inserted.Any(b => ReferenceEquals(b, file.Blocks[i])))
            {
                var first = file.FirstLineOfBlock(i);
                located.Add(new DemoAddedBlock(path, new DemoLineRange(first, first + file.Blocks[i].Count - 1)));
            }
        }

        return located;
    }

    private static bool IsStatement(string line)
    {
        var t = line.Trim();
        return t.Length > 0 && !t.StartsWith('}') && !t.StartsWith(')') && !t.StartsWith('#') && !t.StartsWith("//", StringComparison.Ordinal)
            && !t.EndsWith('{') && !t.EndsWith(':') && !t.EndsWith('(') && !t.StartsWith("\"\"\"", StringComparison.Ordinal);
    }

    private string Where(DemoArea area) =>
        DemoWords.Pick(area.Language switch
        {
            DemoLanguage.Terraform => ["in staging and prod", "for the new region", "behind alarms"],
            DemoLanguage.Yaml => ["for peak season", "for the EU tenants", "per environment"],
            _ => ["before committing", "on the hot path", "for partial failures", "in bulk", "per tenant"],
        }, random);

    private string Reason(string topic) => random.Next(3) switch
    {
        0 => "",
        1 => $"We saw {topic} issues in the last game day; this keeps the behaviour explicit.",
        _ => $"Follow-up to the {topic} discussion in the weekly sync.\nKeeps the old path until the flag is removed.",
    };
}
