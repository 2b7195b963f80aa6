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

if (commandLine.CheckConfiguration)
{
    // Checks the file itself, never the last good copy: it is how a new file is tried before it is installed.
    var checkedFile = ConfigurationFile.Load(commandLine.ConfigurationPath);
    if (!checkedFile.Succeeded)
    {
        await ReportProblemsAsync(commandLine.ConfigurationPath, checkedFile.Errors).ConfigureAwait(false);
        return ExitCodes.Configuration;
    }

    await Console.Out.WriteLineAsync($"intercom: the configuration {commandLine.ConfigurationPath} is valid").ConfigureAwait(false);
    return ExitCodes.Success;
}

// --outputs-safe runs before the service (systemd ExecStartPre) and must not move a bad file aside: the service does
// that and says why. It only needs the relay and LED pins, which the last good copy has.
var boot = commandLine.OutputsSafe ? ConfigurationRecovery.Inspect(commandLine.ConfigurationPath) : ConfigurationRecovery.Boot(commandLine.ConfigurationPath);
if (boot.Options is not IntercomOptions options)
{
    await ReportProblemsAsync(commandLine.ConfigurationPath, boot.Errors).ConfigureAwait(false);
    if (boot.LastGoodProblem is not null)
    {
        await Console.Error.WriteLineAsync($"intercom: {boot.LastGoodProblem}").ConfigureAwait(false);
    }

    return ExitCodes.Configuration;
}

if (commandLine.OutputsSafe)
{
    if (boot.Fallback is { } fallback)
    {
        await Console.Error.WriteLineAsync($"intercom: {fallback.ConfigurationPath} is refused ({fallback.Reason}); using the pins of {fallback.LastGoodPath}").ConfigureAwait(false);
    }

    return OutputsSafeCommand.Run(options, Console.Out, Console.Error);
}

return await ServiceRunner.RunAsync(commandLine, boot).ConfigureAwait(false);

static async Task ReportProblemsAsync(string path, IReadOnlyList<string> errors)
{
    await Console.Error.WriteLineAsync($"intercom: the configuration {path} has {errors.Count} problem(s):").ConfigureAwait(false);
    foreach (var error in errors)
    {
        await Console.Error.WriteLineAsync($"  {error}").ConfigureAwait(false);
    }
}
