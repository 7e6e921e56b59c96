using GemScheduling.Harvest;

namespace GemScheduling.Greenhouse.Budget;

/// <summary>Which budget grain holds an org's Greenhouse rate budget (v3 is limited on its own window, so it has its own).</summary>
public static class GreenhouseBudget
{
    public static string KeyFor(string orgId, HarvestApiVersion apiVersion) => HarvestConnection.BudgetKeyFor(orgId, apiVersion.Wire());
}
