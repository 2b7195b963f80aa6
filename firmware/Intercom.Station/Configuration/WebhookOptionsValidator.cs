using Microsoft.Extensions.Options;

namespace Intercom.Station.Configuration;

/// <summary>Validates the <c>webhooks</c> section. Messages never repeat a secret.</summary>
public sealed class WebhookOptionsValidator : IValidateOptions<WebhookOptions>
{
    /// <summary>The event names a receiver may ask for.</summary>
    public static IReadOnlyList<string> EventNames { get; } =
        ["ring", "answered", "missed", "callEnded", "doorOpened", "tamper", "registrationLost", "registrationRestored"];

    /// <summary>The shortest signing secret accepted.</summary>
    public const int MinimumSecretLength = 16;

    /// <summary>Receivers allowed at most.</summary>
    public const int MaximumTargets = 8;

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        if (options.Targets is null)
        {
            errors.Add("webhooks.targets: null; give a list, [] for none");
        }
        else if (options.Targets.Count > MaximumTargets)
        {
            errors.Add($"webhooks.targets: {options.Targets.Count} receivers; at most {MaximumTargets}");
        }
        else
        {
            for (var i = 0; i < options.Targets.Count; i++)
            {
                CheckTarget(errors, $"webhooks.targets[{i}]", options.Targets[i]);
            }
        }

        if (options.Timeout < TimeSpan.FromMilliseconds(100) || options.Timeout > TimeSpan.FromSeconds(60))
        {
            errors.Add($"webhooks.timeout: {options.Timeout}; use 00:00:00.1 to 00:01:00");
        }

        if (options.MaximumAttempts is < 1 or > 10)
        {
            errors.Add($"webhooks.maximumAttempts: {options.MaximumAttempts}; use 1 to 10");
        }

        if (options.RetryDelay < TimeSpan.FromMilliseconds(10) || options.RetryDelay > TimeSpan.FromMinutes(5))
        {
            errors.Add($"webhooks.retryDelay: {options.RetryDelay}; use 00:00:00.01 to 00:05:00");
        }

        if (options.QueueCapacity is < 1 or > 10_000)
        {
            errors.Add($"webhooks.queueCapacity: {options.QueueCapacity}; use 1 to 10000");
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckTarget(List<string> errors, string path, WebhookTargetOptions? target)
    {
        if (target is null)
        {
            errors.Add($"{path}: null; give {{ \"url\": ..., \"secret\": ... }}");
            return;
        }

        if (!Uri.TryCreate(target.Url, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || url.UserInfo.Length > 0)
        {
            errors.Add($"{path}.url: not an http(s) URL without user info; give e.g. \"https://homeserver.local/hooks/door\"");
        }

        if (target.Secret is null || target.Secret.Length < MinimumSecretLength)
        {
            errors.Add($"{path}.secret: shorter than {MinimumSecretLength} characters; use a long random secret (the receiver checks the signature with it)");
        }

        if (target.Events is null)
        {
            errors.Add($"{path}.events: null; give a list, [] for every event");
            return;
        }

        foreach (var name in target.Events)
        {
            if (!EventNames.Contains(name, StringComparer.Ordinal))
            {
                errors.Add($"{path}.events: unknown event \"{name}\"; use {string.Join(", ", EventNames)}");
            }
        }
    }
}
