using System.Globalization;
using System.Text.Json;
using GemScheduling.HarvestSandbox.Store;

namespace GemScheduling.HarvestSandbox.Harvest;

/// <summary>
/// Parses the v2 <c>interviewers</c> array: each item has exactly one of user_id, email or employee_id, plus a
/// required response_status (docs/HARVEST-CONTRACT.md §7.6). Emails that match no user are allowed (that is why v2 exists).
/// Caller holds the org's lock.
/// </summary>
internal static class InterviewerPanel
{
    private static readonly string[] IdentityFields = ["user_id", "email", "employee_id"];

    public static List<Interviewer>? Parse(BodyReader r, JsonElement? array, OrgData data)
    {
        if (array is not { } items)
        {
            return null;
        }

        if (items.GetArrayLength() == 0)
        {
            r.Fail("interviewers", "interviewers must contain at least one interviewer");
            return null;
        }

        var panel = new List<Interviewer>();
        var index = 0;
        foreach (var item in items.EnumerateArray())
        {
            var path = $"interviewers[{index++}]";
            if (item.ValueKind != JsonValueKind.Object)
            {
                r.Fail(path, "Each interviewer must be an object");
                continue;
            }

            var statusText = r.String(item, "response_status", $"{path}.response_status", required: true);
            var status = ResponseStatus.NeedsAction;
            if (statusText is not null && !HarvestEnums.TryParseResponseStatus(statusText, out status))
            {
                r.Fail($"{path}.response_status", "Must be one of: needs_action, declined, tentative, accepted");
                statusText = null;
            }

            var given = IdentityFields.Where(f => item.TryGetProperty(f, out var v) && v.ValueKind != JsonValueKind.Null).ToArray();
            if (given.Length != 1)
            {
                r.Fail(path, "Each interviewer needs exactly one of user_id, email or employee_id");
                continue;
            }

            var interviewer = given[0] switch
            {
                "user_id" => ByUserId(r, item, path, data, status),
                "email" => ByEmail(r, item, path, data, status),
                _ => ByEmployeeId(r, item, path, data, status),
            };
            if (interviewer is not null && statusText is not null)
            {
                panel.Add(interviewer);
            }
        }

        return panel;
    }

    private static Interviewer? ByUserId(BodyReader r, JsonElement item, string path, OrgData data, ResponseStatus status)
    {
        if (r.Id(item, "user_id", $"{path}.user_id", required: true) is not { } id)
        {
            return null;
        }

        if (data.Users.Find(id) is not { Disabled: false } user)
        {
            r.Fail($"{path}.user_id", $"User {id} not found");
            return null;
        }

        return new Interviewer(user.Id, null, status, null);
    }

    private static Interviewer? ByEmail(BodyReader r, JsonElement item, string path, OrgData data, ResponseStatus status)
    {
        if (r.String(item, "email", $"{path}.email", required: true) is not { } email)
        {
            return null;
        }

        var user = data.FindUserByEmail(email);
        return new Interviewer(user is { Disabled: false } ? user.Id : null, email, status, null);
    }

    private static Interviewer? ByEmployeeId(BodyReader r, JsonElement item, string path, OrgData data, ResponseStatus status)
    {
        var value = item.GetProperty("employee_id");
        var employeeId = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(employeeId))
        {
            r.Fail($"{path}.employee_id", "employee_id must be a string");
            return null;
        }

        if (data.FindUserByEmployeeId(employeeId.Trim()) is not { Disabled: false } user)
        {
            r.Fail($"{path}.employee_id", string.Create(CultureInfo.InvariantCulture, $"No user with employee_id {employeeId}"));
            return null;
        }

        return new Interviewer(user.Id, null, status, null);
    }
}
