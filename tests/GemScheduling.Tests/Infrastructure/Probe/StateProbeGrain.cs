namespace GemScheduling.Tests.Infrastructure.Probe;

/// <summary>Exercises the ADO.NET grain-storage and reminder providers on our schema.</summary>
public interface IStateProbeGrain : IGrainWithStringKey
{
    Task Save(string value);

    Task<string?> Load();

    Task<bool> EnsureReminder(string name);
}

[GenerateSerializer]
public sealed class StateProbe
{
    [Id(0)] public string? Value { get; set; }
}

public sealed class StateProbeGrain([PersistentState("state-probe")] IPersistentState<StateProbe> state) : Grain, IStateProbeGrain, IRemindable
{
    public async Task Save(string value)
    {
        state.State.Value = value;
        await state.WriteStateAsync();
    }

    public async Task<string?> Load()
    {
        await state.ReadStateAsync();
        return state.State.Value;
    }

    public async Task<bool> EnsureReminder(string name)
    {
        await this.RegisterOrUpdateReminder(name, TimeSpan.FromMinutes(10), TimeSpan.FromMinutes(10));
        return await this.GetReminder(name) is not null;
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => Task.CompletedTask;
}
