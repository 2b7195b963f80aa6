using Microsoft.Extensions.Options;

namespace Intercom.Station.Configuration;

/// <summary>Adapts a section's <see cref="IValidateOptions{TOptions}"/> to <see cref="IConfigurationSectionValidator"/>.</summary>
/// <typeparam name="TSection">The section's options class.</typeparam>
public sealed class SectionValidator<TSection> : IConfigurationSectionValidator
    where TSection : class
{
    private readonly Func<IntercomOptions, TSection?> _section;
    private readonly IValidateOptions<TSection> _validator;

    /// <summary>Creates the adapter for the section <paramref name="name"/>.</summary>
    public SectionValidator(string name, Func<IntercomOptions, TSection?> section, IValidateOptions<TSection> validator)
    {
        Name = name;
        _section = section;
        _validator = validator;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<string> Validate(IntercomOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var section = _section(options);
        if (section is null)
        {
            return [$"{Name}: the section is null; remove it to use the defaults or give it as an object {{ ... }}"];
        }

        var result = _validator.Validate(Name, section);
        return result.Failed ? [.. result.Failures ?? [result.FailureMessage]] : [];
    }
}
