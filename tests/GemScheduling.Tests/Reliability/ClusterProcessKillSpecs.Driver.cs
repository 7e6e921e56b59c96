using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using GemScheduling.HarvestSandbox;
using GemScheduling.Schedules;
using GemScheduling.Tests.Infrastructure;

namespace GemScheduling.Tests.Reliability;

public sealed partial class ClusterProcessKillSpecs
{
    /// <summary>The test's client: round-robin over live replicas, repeating a request elsewhere when a connection fails.</summary>
    private sealed class Driver(ProcessCluster cluster, string token, string orgId, IReadOnlyList<SchedulingTarget> targets)
    {
        private readonly ConcurrentDictionary<string, HttpClient> _clients = new();
        private readonly ConcurrentDictionary<string, int> _answers = new();
        private readonly ConcurrentDictionary<string, bool> _scheduleIds = new();
        private readonly ConcurrentDictionary<string, bool> _busy = new();
        private readonly ConcurrentDictionary<string, bool> _cancelled = new();
        private int _turn;
        private int _slot;

        public ConcurrentQueue<string> ServerErrors { get; } = new();
        public ConcurrentQueue<string> Unexpected { get; } = new();
        public ConcurrentQueue<string> Notes { get; } = new();

        public void Note(string note) => Notes.Enqueue(note);

        public int Served(string replica) => _answers.GetValueOrDefault($"served by {replica}");

        public string Summary() => string.Join(", ", _answers.OrderBy(a => a.Key).Select(a => $"{a.Key}×{a.Value}"));

        public async Task RunAsync(Kind kind, int index)
        {
            var candidates = _scheduleIds.Keys.Where(id => !_cancelled.ContainsKey(id)).Order().ToList();
            if (kind != Kind.Create && candidates.Count > 0)
            {
                var chosen = candidates[index % candidates.Count];
                if (_busy.TryAdd(chosen, true))
                {
                    try
                    {
                        if (kind == Kind.Move)
                            await MoveAsync(chosen);
                        else
                            await CancelAsync(chosen);
                    }
                    finally
                    {
                        _busy.TryRemove(chosen, out _);
                    }

                    return;
                }
            }

            await CreateAsync(index);
        }

        private async Task CreateAsync(int index)
        {
            var target = targets[index % targets.Count];
            var start = NextSlot();
            var body = new
            {
                applicationId = target.ApplicationId,
                interviews = new[]
                {
                    new
                    {
                        interviewStepId = target.InterviewStepId, interviewers = new[] { new { userId = target.InterviewerUserIds[index % target.InterviewerUserIds.Count] } },
                        start, end = start.AddMinutes(45), timeZone = "America/Chicago",
                    },
                },
            };
            var key = $"kill-{index}-{Guid.NewGuid():N}";
            var (response, _) = await SendAsync("create", () => new HttpRequestMessage(HttpMethod.Post, Path("schedules"))
            {
                Content = JsonContent.Create(body, options: ApiJson), Headers = { { "Idempotency-Key", key } },
            });
            if (response is { StatusCode: HttpStatusCode.Created or HttpStatusCode.OK })
                _scheduleIds[(await response.Content.ReadFromJsonAsync<ScheduleView>(ApiJson))!.Id] = true;
        }

        private async Task MoveAsync(string scheduleId)
        {
            var (current, etag) = await GetAsync(scheduleId);
            if (current is not { Status: ScheduleStatus.Active })
                return;
            var start = NextSlot();
            var body = new { changes = new[] { new { interviewId = current.Interviews[0].Id, start, end = start.AddMinutes(45), location = "Moved room" } } };
            await SendAsync("move", () => new HttpRequestMessage(HttpMethod.Patch, Path($"schedules/{scheduleId}"))
            {
                Content = JsonContent.Create(body, options: ApiJson), Headers = { IfMatch = { EntityTagHeaderValue.Parse(etag) } },
            });
        }

        private async Task CancelAsync(string scheduleId)
        {
            var (current, etag) = await GetAsync(scheduleId);
            if (current is not { Status: ScheduleStatus.Active })
                return;
            _cancelled[scheduleId] = true;
            await SendAsync("cancel", () => new HttpRequestMessage(HttpMethod.Post, Path($"schedules/{scheduleId}/cancel"))
            {
                Content = JsonContent.Create(new { reason = "kill test" }, options: ApiJson), Headers = { IfMatch = { EntityTagHeaderValue.Parse(etag) } },
            });
        }

        private async Task<(ScheduleView? View, string ETag)> GetAsync(string scheduleId)
        {
            var (response, _) = await SendAsync("get", () => new HttpRequestMessage(HttpMethod.Get, Path($"schedules/{scheduleId}")));
            if (response is not { StatusCode: HttpStatusCode.OK })
                return (null, "");
            return (await response.Content.ReadFromJsonAsync<ScheduleView>(ApiJson), response.Headers.ETag!.ToString());
        }

        /// <summary>Every schedule as it is now, read through the live replicas.</summary>
        public async Task<Dictionary<string, ScheduleView>> CurrentAsync()
        {
            var views = new Dictionary<string, ScheduleView>();
            foreach (var id in _scheduleIds.Keys)
            {
                var (view, _) = await GetAsync(id);
                if (view is not null)
                    views[id] = view;
            }

            return views;
        }

        /// <summary>Every schedule once nothing is pending.</summary>
        public async Task<Dictionary<string, ScheduleView>> SettledAsync(TimeSpan timeout)
        {
            var deadline = DateTime.UtcNow + timeout;
            while (true)
            {
                var views = await CurrentAsync();

                var pending = views.Values.Where(v => v.Mutations.Any(m => m.Status == MutationStatus.Pending)).ToList();
                if (pending.Count == 0 && views.Count == _scheduleIds.Count)
                    return views;
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"{pending.Count} schedules still have pending writes after {timeout.TotalSeconds:0} s: " +
                                               string.Join("; ", pending.Take(5).Select(p => $"{p.Id}: {string.Join(", ", p.Mutations.Where(m => m.Status == MutationStatus.Pending).Select(m => $"{m.Kind} tries {m.Attempts} next {m.NextAttemptAt:HH:mm:ss} {m.LastError}"))}")));
                await Task.Delay(1000);
            }
        }

        /// <summary>
        /// Sends to the next live replica; when the connection fails (a killed replica), the same request goes to another
        /// one. Returns the answer and the replica that gave it.
        /// </summary>
        private async Task<(HttpResponseMessage? Response, string Replica)> SendAsync(string what, Func<HttpRequestMessage> request)
        {
            var connectionFailures = 0;
            while (true)
            {
                var live = cluster.Replicas.Where(r => !r.Killed && Ready(r)).ToList();
                var replica = live[Interlocked.Increment(ref _turn) % live.Count];
                var client = _clients.GetOrAdd(replica.Name, _ => Client(replica.Url, token));
                HttpResponseMessage response;
                try
                {
                    response = await client.SendAsync(request());
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException && ++connectionFailures < 20)
                {
                    Count($"{what} connection failed ({replica.Name})");
                    await Task.Delay(200);
                    continue;
                }

                var status = (int)response.StatusCode;
                Count($"{what} {status}");
                if (what != "get")
                    Count($"served by {replica.Name}");
                if (status >= 500)
                    ServerErrors.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what} on {replica.Name}: {status} {await response.Content.ReadAsStringAsync()}");
                else if (status >= 400 && !(status == 412 && connectionFailures > 0))
                    Unexpected.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {what} on {replica.Name}: {status} {await response.Content.ReadAsStringAsync()}");
                return (response, replica.Name);
            }
        }

        /// <summary>A replica takes traffic once it has answered /health/ready (the one joining mid-run is started, then added).</summary>
        private static bool Ready(Replica replica) => replica.Ready && !replica.Process.HasExited;

        private void Count(string key) => _answers.AddOrUpdate(key, 1, (_, n) => n + 1);

        private string Path(string relative) => $"/api/v1/orgs/{orgId}/{relative}";

        private DateTimeOffset NextSlot()
        {
            var n = Interlocked.Increment(ref _slot);
            return new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3 + n / 5), TimeSpan.Zero).AddHours(8 + n % 5 * 2);
        }
    }
}
