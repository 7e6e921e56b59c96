namespace GemScheduling.HarvestSandbox.Webhooks;

internal enum WebhookFault
{
    None,
    Duplicate,
    OutOfOrder,
    BadSignature,
    Delayed,
}

/// <summary>An event on its way to one hook: its bytes, the fault drawn for it, and how far delivery got.</summary>
internal sealed class WebhookEvent(string id, string action, byte[] body, long sequence, WebhookFault fault, bool isPing)
{
    public string Id { get; } = id;

    public string Action { get; } = action;

    public byte[] Body { get; } = body;

    /// <summary>Position in the hook's event order (the ping is 0).</summary>
    public long Sequence { get; } = sequence;

    public WebhookFault Fault { get; } = fault;

    /// <summary>The ping that saves a hook: one attempt, no faults, and a failure disables the hook.</summary>
    public bool IsPing { get; } = isPing;

    public int Attempts { get; set; }

    public DateTimeOffset DueAt { get; set; }

    public static string Label(WebhookFault fault) => fault switch
    {
        WebhookFault.Duplicate => "duplicate",
        WebhookFault.OutOfOrder => "out-of-order",
        WebhookFault.BadSignature => "bad-signature",
        WebhookFault.Delayed => "delayed",
        _ => "none",
    };
}

/// <summary>An event a mutation raised under the data lock, waiting to be handed to the hook it was raised for.</summary>
internal sealed record StagedWebhook(WebhookSender Sender, string EventId, string Action, byte[] Body);
