using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Intercom.Integration.Mqtt;

/// <summary>
/// A command message: <c>{"token":"...","relay":"strike"}</c>. Parsing never throws; the token is compared in
/// constant time (both sides hashed first, so the length does not leak either).
/// </summary>
public sealed class MqttCommand
{
    private MqttCommand(string token, string? relay)
    {
        Token = token;
        Relay = relay;
    }

    /// <summary>The token given; never logged (a class, not a record, so no generated ToString prints it).</summary>
    public string Token { get; }

    /// <summary>The relay asked for; null for the default.</summary>
    public string? Relay { get; }

    /// <summary>Largest payload looked at.</summary>
    public const int MaximumPayloadBytes = 1024;

    /// <summary>Parses <paramref name="payload"/>; null with <paramref name="problem"/> when it is not a command.</summary>
    public static MqttCommand? Parse(ReadOnlySequence<byte> payload, out string problem)
    {
        if (payload.Length is 0 or > MaximumPayloadBytes)
        {
            problem = payload.Length == 0 ? "empty payload" : "payload too large";
            return null;
        }

        string? token = null;
        string? relay = null;
        try
        {
            var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = 4 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                problem = "payload is not a JSON object";
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                if (!reader.Read())
                {
                    break;
                }

                if (reader.TokenType == JsonTokenType.String && name == "token")
                {
                    token = reader.GetString();
                }
                else if (reader.TokenType == JsonTokenType.String && name == "relay")
                {
                    relay = reader.GetString();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException)
        {
            problem = "payload is not valid JSON";
            return null;
        }

        if (string.IsNullOrEmpty(token))
        {
            problem = "no token in the payload";
            return null;
        }

        problem = "";
        return new MqttCommand(token, relay);
    }

    /// <summary>True when <see cref="Token"/> equals <paramref name="expected"/> (constant time).</summary>
    public bool HasToken(string expected)
    {
        ArgumentNullException.ThrowIfNull(expected);
        if (expected.Length == 0)
        {
            return false;
        }

        Span<byte> given = stackalloc byte[32];
        Span<byte> wanted = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(Token), given);
        SHA256.HashData(Encoding.UTF8.GetBytes(expected), wanted);
        return CryptographicOperations.FixedTimeEquals(given, wanted);
    }
}
