using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Intercom.Sip.Messages;

/// <summary>
/// An ordered list of <c>;name[=value]</c> parameters (RFC 3261 §25.1 generic-param, uri-parameter).
/// Names compare case-insensitively; a parameter without a value has a null value.
/// </summary>
public sealed class SipParameters
{
    private readonly List<KeyValuePair<string, string?>> _items = [];

    /// <summary>Number of parameters.</summary>
    public int Count => _items.Count;

    /// <summary>The parameters in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Items => _items;

    /// <summary>True when a parameter with this name exists (with or without value).</summary>
    public bool Contains(string name) => IndexOf(name) >= 0;

    /// <summary>The value of a parameter, or null when missing or valueless.</summary>
    public string? Get(string name)
    {
        int index = IndexOf(name);
        return index < 0 ? null : _items[index].Value;
    }

    /// <summary>Adds or replaces a parameter.</summary>
    public void Set(string name, string? value)
    {
        int index = IndexOf(name);
        if (index < 0)
        {
            _items.Add(new(name, value));
        }
        else
        {
            _items[index] = new(name, value);
        }
    }

    /// <summary>Removes a parameter if present.</summary>
    public void Remove(string name)
    {
        int index = IndexOf(name);
        if (index >= 0)
        {
            _items.RemoveAt(index);
        }
    }

    /// <summary>A copy of this list.</summary>
    public SipParameters Clone()
    {
        var copy = new SipParameters();
        copy._items.AddRange(_items);
        return copy;
    }

    /// <summary>Appends <c>;name=value</c> for every parameter.</summary>
    public void AppendTo(StringBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        foreach (KeyValuePair<string, string?> item in _items)
        {
            builder.Append(';').Append(item.Key);
            if (item.Value is not null)
            {
                builder.Append('=').Append(item.Value);
            }
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var builder = new StringBuilder();
        AppendTo(builder);
        return builder.ToString();
    }

    /// <summary>
    /// Parses <c>;a=b;c;d="quoted"</c> (the text starts at the first ';' or is empty).
    /// Values keep their quotes so they can be written back unchanged.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, [NotNullWhen(true)] out SipParameters? parameters)
    {
        parameters = new SipParameters();
        int i = 0;
        while (true)
        {
            while (i < text.Length && IsLws(text[i]))
            {
                i++;
            }

            if (i == text.Length)
            {
                return true;
            }

            if (text[i] != ';')
            {
                parameters = null;
                return false;
            }

            i++;
            while (i < text.Length && IsLws(text[i]))
            {
                i++;
            }

            int nameStart = i;
            while (i < text.Length && IsParamChar(text[i]))
            {
                i++;
            }

            if (i == nameStart)
            {
                parameters = null;
                return false;
            }

            string name = text[nameStart..i].ToString();
            while (i < text.Length && IsLws(text[i]))
            {
                i++;
            }

            string? value = null;
            if (i < text.Length && text[i] == '=')
            {
                i++;
                while (i < text.Length && IsLws(text[i]))
                {
                    i++;
                }

                int valueStart = i;
                if (i < text.Length && text[i] == '"')
                {
                    i++;
                    bool closed = false;
                    while (i < text.Length)
                    {
                        if (text[i] == '\\')
                        {
                            i += 2;
                            continue;
                        }

                        if (text[i] == '"')
                        {
                            closed = true;
                            i++;
                            break;
                        }

                        i++;
                    }

                    if (!closed)
                    {
                        parameters = null;
                        return false;
                    }
                }
                else
                {
                    // token, host (IPv6 reference) or uri-parameter characters.
                    while (i < text.Length && (IsParamChar(text[i]) || text[i] is '[' or ']' or ':'))
                    {
                        i++;
                    }
                }

                if (i == valueStart)
                {
                    parameters = null;
                    return false;
                }

                value = text[valueStart..Math.Min(i, text.Length)].ToString();
            }

            parameters._items.Add(new(name, value));
        }
    }

    private static bool IsLws(char c) => c is ' ' or '\t' or '\r' or '\n';

    // RFC 3261 §25.1: token chars plus the paramchar set of uri-parameter (param-unreserved, unreserved, escaped).
    private static bool IsParamChar(char c) => SipGrammar.IsTokenChar(c) || c is '[' or ']' or '/' or ':' or '&' or '+' or '$' or '(' or ')';

    private int IndexOf(string name)
    {
        for (int i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Key, name, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
