using Intercom.Device;
using Intercom.Station.Configuration;
using Intercom.Device.Hosting;

// intercom: the door station service. See CommandLine.Usage and README.md.
var commandLine = CommandLine.Parse(args, out var usageError);
if (commandLine is null)
{
    await Console.Error.WriteLineAsync($"intercom: {usageError}\n{CommandLine.Usage}").ConfigureAwait(false);
    return ExitCodes.Usage;
}

if (commandLine.Help)
{
    await Console.Out.WriteLineAsync(CommandLine.Usage).ConfigureAwait(false);
    return ExitCodes.Success;
}

var loaded = ConfigurationFile.Load(commandLine.ConfigurationPath);
if (loaded.Options is not IntercomOptions options)
{
    await Console.Error.WriteLineAsync($"intercom: the configuration {commandLine.ConfigurationPath} has {loaded.Errors.Count} problem(s):").ConfigureAwait(false);
    foreach (var error in loaded.Errors)
    {
        await Console.Error.WriteLineAsync($"  {error}").ConfigureAwait(false);
    }

    return ExitCodes.Configuration;
}

if (commandLine.CheckConfiguration)
{
    await Console.Out.WriteLineAsync($"intercom: the configuration {commandLine.ConfigurationPath} is valid").ConfigureAwait(false);
    return ExitCodes.Success;
}

if (commandLine.OutputsSafe)
{
    return OutputsSafeCommand.Run(options, Console.Out, Console.Error);
}

return await ServiceRunner.RunAsync(commandLine, options).ConfigureAwait(false);
