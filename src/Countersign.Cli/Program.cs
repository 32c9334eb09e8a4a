using Countersign.Cli;

return CliApp.Run(args, CliContext.ForProcess());
