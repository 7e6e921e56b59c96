using System.Diagnostics;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using GemScheduling.HarvestSandbox.Harvest;

namespace GemScheduling.HarvestSandbox.Faults;

/// <summary>
/// The answers of the terminal "before" faults that read the same on every surface (v1/v2, v3, the token endpoint).
/// Rate limits, timeouts and drops depend on the surface and stay with each runner.
/// </summary>
internal static class FaultResponses
{
    /// <summary>What a body cut off mid-record looks like.</summary>
    public const string InvalidJsonBody = "[{\"id\": 1, \"name\": \"x\"";

    public static IResult Answer(FaultRule rule, CancellationToken cancel) => rule.Kind switch
    {
        FaultKind.Error500 => HarvestResults.Message(500, "Internal Server Error"),
        FaultKind.Error502 => HarvestResults.GatewayHtml(502),
        FaultKind.Error503 => HarvestResults.GatewayHtml(503),
        FaultKind.Redirect => TypedResults.Redirect(rule.Target!),
        FaultKind.HugeBody => new HugeBodyResult(rule.EffectiveBodyBytes, rule.ChunkedBody, cancel),
        FaultKind.InvalidJson => TypedResults.Text(InvalidJsonBody, "application/json", Encoding.UTF8, StatusCodes.Status200OK),
        _ => throw new UnreachableException($"{rule.Kind} is not answered here."),
    };
}

/// <summary>
/// 200 <c>application/json</c> of exactly <c>bytes</c> bytes: <c>[</c>, then records without end, cut off at the size
/// (so never valid JSON as a whole). Written from one shared block, so 50 MiB costs no memory, and stopped as soon as
/// the client goes away.
/// </summary>
internal sealed class HugeBodyResult(long bytes, bool chunked, CancellationToken cancel) : IResult
{
    private static readonly byte[] Open = "["u8.ToArray();
    private static readonly byte[] Block = BuildBlock();

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        if (!chunked)
        {
            http.Response.ContentLength = bytes;
        }

        var pipe = http.Response.BodyWriter;
        await ClientGoneException.ThrowIfGoneAsync(pipe.WriteAsync(Open, cancel), cancel);
        for (var left = bytes - 1; left > 0;)
        {
            var n = (int)Math.Min(left, Block.Length);
            await ClientGoneException.ThrowIfGoneAsync(pipe.WriteAsync(Block.AsMemory(0, n), cancel), cancel);
            left -= n;
        }
    }

    private static byte[] BuildBlock()
    {
        var text = new StringBuilder(70_000);
        for (var id = 1; text.Length < 64 * 1024; id++)
        {
            text.Append("{\"id\":").Append(id).Append(",\"name\":\"Huge body record, the list goes on and on\"},");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}

/// <summary>
/// 200 JSON array of <c>count</c> copies of one real record, each with its own id (from <see cref="FirstId"/> up), so
/// no id collides with a real one; <c>{"id": n}</c> records when the list has none to copy. Streamed.
/// </summary>
internal sealed class OversizedPageResult(JsonObject? template, int count, CancellationToken cancel) : IResult
{
    public const long FirstId = 9_000_000_000_001;

    /// <summary>The record to repeat: the page's first, else the list's first (when the page is past the data).</summary>
    public static JsonObject? Template<TDto>(TDto? row, JsonTypeInfo<List<TDto>> typeInfo) =>
        row is null ? null : JsonSerializer.SerializeToNode([row], typeInfo)?[0]?.DeepClone() as JsonObject;

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        var pipe = http.Response.BodyWriter;
        var row = template ?? [];
        await using var writer = new Utf8JsonWriter(pipe);
        writer.WriteStartArray();
        for (var i = 0; i < count; i++)
        {
            row["id"] = FirstId + i;
            row.WriteTo(writer);
            if (writer.BytesPending > 32 * 1024)
            {
                writer.Flush();
                await ClientGoneException.ThrowIfGoneAsync(pipe.FlushAsync(cancel), cancel);
            }
        }

        writer.WriteEndArray();
        writer.Flush();
        await ClientGoneException.ThrowIfGoneAsync(pipe.FlushAsync(cancel), cancel);
    }
}

/// <summary>
/// The client went away mid-body. Kestrel then turns writes into no-ops that complete at once, and cancels
/// RequestAborted only later, from a thread-pool work item; a streamed body that never waits would race through
/// the rest of its bytes first. So after a write that did not wait, yield once (that work item, queued earlier,
/// runs first), then check.
/// </summary>
internal sealed class ClientGoneException() : OperationCanceledException("The client closed the connection mid-body.")
{
    public static async ValueTask ThrowIfGoneAsync(ValueTask<FlushResult> write, CancellationToken cancel)
    {
        var didNotWait = write.IsCompleted;
        var result = await write;
        if (didNotWait)
        {
            await Task.Yield();
        }

        cancel.ThrowIfCancellationRequested();
        if (result.IsCompleted || result.IsCanceled)
        {
            throw new ClientGoneException();
        }
    }
}
