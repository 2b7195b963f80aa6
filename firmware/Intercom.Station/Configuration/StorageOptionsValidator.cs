using Microsoft.Extensions.Options;

namespace Intercom.Station.Configuration;

/// <summary>Validates the <c>storage</c> section.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            errors.Add("storage.stateDirectory: empty; give a directory the service may write, e.g. \"/var/lib/intercom\"");
        }
        else if (options.StateDirectory.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            errors.Add("storage.stateDirectory: holds characters that cannot be in a path; give a plain directory path");
        }

        if (options.MaximumCallRecords is < 10 or > 1_000_000)
        {
            errors.Add($"storage.maximumCallRecords: {options.MaximumCallRecords}; use 10 to 1000000 (default 5000)");
        }

        if (options.MaximumEventRecords is < 10 or > 1_000_000)
        {
            errors.Add($"storage.maximumEventRecords: {options.MaximumEventRecords}; use 10 to 1000000 (default 20000)");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
