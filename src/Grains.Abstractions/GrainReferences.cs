using Orleans.Runtime;

namespace GemScheduling;

/// <summary>
/// Grain references without Orleans' per-call reflection. <c>IGrainFactory.GetGrain&lt;T&gt;(string)</c> resolves the
/// interface's grain interface type from its attributes on every call: under load that took 6.5 % of the service's CPU,
/// most of it from the Harvest rate gate getting the org's budget grain for every Greenhouse request. Here the grain
/// type and interface type are resolved once per interface and process (the same in every silo), and a reference is
/// made from its id, which Orleans caches by type.
/// </summary>
public static class GrainReferences
{
    public static T Grain<T>(this IGrainFactory grains, string key) where T : IGrainWithStringKey
    {
        var types = Resolved<T>.Types ??= Resolve<T>(grains);
        return (T)grains.GetGrain(GrainId.Create(types.Grain, key), types.Interface);
    }

    private static GrainTypes Resolve<T>(IGrainFactory grains) where T : IGrainWithStringKey
    {
        var sample = (GrainReference)(object)grains.GetGrain<T>("-");
        return new GrainTypes(sample.GrainId.Type, sample.InterfaceType);
    }

    // A reference, so that a reader sees either nothing or both types (two threads may both resolve; they agree).
    private sealed record GrainTypes(GrainType Grain, GrainInterfaceType Interface);

    private static class Resolved<T>
    {
        public static GrainTypes? Types;
    }
}
