namespace Intercom.Station.Configuration;

/// <summary>Validates one section of <see cref="IntercomOptions"/>.</summary>
public interface IConfigurationSectionValidator
{
    /// <summary>The section's JSON name (<c>hardware</c>).</summary>
    string Name { get; }

    /// <summary>
    /// Returns one message per problem, each starting with the field's JSON path and saying how to fix it.
    /// Messages never repeat a secret's value.
    /// </summary>
    IReadOnlyList<string> Validate(IntercomOptions options);
}
