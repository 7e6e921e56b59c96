using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GemScheduling.HarvestSandbox.Webhooks;

/// <summary>The bytes of a delivery, their signature, and the ids of events.</summary>
internal static class WebhookEnvelope
{
    /// <summary>
    /// <c>{"action":…,"payload":…}</c> with System.Text.Json's default encoder, which escapes <c>&lt;</c>, <c>&gt;</c>,
    /// <c>&amp;</c>, <c>'</c>, <c>+</c> and non-ASCII as Greenhouse's serializer escapes some of them: receivers must verify the
    /// raw bytes, never a re-serialization (docs/WEBHOOKS-CONTRACT.md §1).
    /// </summary>
    public static byte[] Serialize(string action, JsonObject payload)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("action", action);
            writer.WritePropertyName("payload");
            payload.WriteTo(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The <c>Signature</c> header: <c>sha256 </c> and the lowercase hex HMAC-SHA256 of the body under the key.</summary>
    public static string Signature(byte[] key, byte[] body) => "sha256 " + Convert.ToHexStringLower(HMACSHA256.HashData(key, body));

    /// <summary>A UUID-shaped id derived from the org's seed, so a repeated run sends the same ids.</summary>
    public static string EventId(int seed, string organizationId, long number)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"harvest-sandbox-webhook-event:{seed}:{organizationId}:{number}"));
        return new Guid(hash.AsSpan(0, 16)).ToString("D");
    }

    /// <summary>Second precision, as every application, candidate and job timestamp in the docs' webhook examples.</summary>
    public static JsonNode? Seconds(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : null;

    /// <summary>Millisecond precision, as the docs' <c>job_interview_stage_deleted</c> example.</summary>
    public static JsonNode? Milliseconds(DateTimeOffset? at) =>
        at is { } t ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture) : null;
}
