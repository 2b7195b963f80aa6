using Microsoft.Extensions.Options;

namespace Intercom.Station.Configuration;

/// <summary>Validates the <c>storage</c> section.</summary>
public sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            return ValidateOptionsResult.Fail("storage.stateDirectory: empty; give a directory the service may write, e.g. \"/var/lib/intercom\"");
        }

        if (options.StateDirectory.AsSpan().IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            return ValidateOptionsResult.Fail("storage.stateDirectory: holds characters that cannot be in a path; give a plain directory path");
        }

        return ValidateOptionsResult.Success;
    }
}
