using Intercom.Tools.Fuzz;
using Intercom.Tools.Fuzz.Engine;

// fuzz: runs every fuzz target for a given time and saves what it finds. See FuzzCommandLine.Usage.
CoverageMap.EnsureInstalled();
FuzzCommandLine? command = FuzzCommandLine.Parse(args, out string? error);
if (command is null)
{
    Console.Error.WriteLine($"fuzz: {error}");
    Console.Error.WriteLine(FuzzCommandLine.Usage);
    return 2;
}

if (command.List)
{
    return Supervisor.List();
}

if (command.Replay is not null)
{
    return Supervisor.Replay(command);
}

return command.Worker ? Worker.Run(command) : Supervisor.Run(command);
