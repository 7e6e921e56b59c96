using System.Diagnostics;
using System.Runtime.InteropServices;

namespace GemScheduling.Tests.Infrastructure;

/// <summary>
/// A .NET program from this test's output directory run as its own OS process in its own process group, its stdout and
/// stderr written to files. <see cref="Kill"/> sends SIGKILL to the whole group (nothing is flushed, nothing shuts down
/// cleanly: a crashed machine); disposing does the same if it still runs.
/// </summary>
public sealed class ChildProcess : IDisposable
{
    private readonly Process _process;

    private ChildProcess(string name, Process process, string stdout, string stderr)
    {
        Name = name;
        _process = process;
        StdoutPath = stdout;
        StderrPath = stderr;
    }

    public string Name { get; }
    public int Pid => _process.Id;
    public string StdoutPath { get; }
    public string StderrPath { get; }
    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <c>dotnet {dll} {args}</c> with the given environment (settings in <c>__</c> form and ASPNETCORE_* inherited
    /// from the test run are removed first, so only <paramref name="environment"/> configures it).
    /// </summary>
    public static ChildProcess Start(string name, string dll, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, string logDirectory)
    {
        var path = Path.Combine(AppContext.BaseDirectory, dll);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{dll} is not in the test's output directory; the test project references its project so a build puts it there", path);
        Directory.CreateDirectory(logDirectory);
        var stdout = Path.Combine(logDirectory, name + ".out.log");
        var stderr = Path.Combine(logDirectory, name + ".err.log");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet";
        // exec setsid: the program becomes the leader of a new process group (same pid), so one kill reaches all it starts.
        var setsid = File.Exists("/usr/bin/setsid") || File.Exists("/bin/setsid") ? "setsid " : "";
        var command = $"exec {setsid}{Quote(dotnet)} {Quote(path)} {string.Join(' ', args.Select(Quote))} >{Quote(stdout)} 2>{Quote(stderr)} </dev/null";
        var start = new ProcessStartInfo("/bin/sh", ["-c", command]) { UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        foreach (var key in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal) || k.StartsWith("ASPNETCORE_", StringComparison.Ordinal)).ToList())
            start.Environment.Remove(key);
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        return new ChildProcess(name, Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start"), stdout, stderr);
    }

    /// <summary>SIGKILL to the process group: the process and anything it started die at once.</summary>
    public void Kill()
    {
        if (_process.HasExited)
            return;
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            _ = kill(-_process.Id, 9);
        try
        {
            _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // already gone
        }

        _process.WaitForExit(10_000);
    }

    /// <summary>The last <paramref name="lines"/> lines of stdout and stderr, for a failure message.</summary>
    public string Tail(int lines = 60)
    {
        static IEnumerable<string> Last(string file, int n)
        {
            try
            {
                using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                return reader.ReadToEnd().Split('\n').TakeLast(n).ToList();
            }
            catch (IOException e)
            {
                return [$"({e.Message})"];
            }
        }

        return $"--- {Name} (pid {Pid}{(HasExited ? $", exited {_process.ExitCode}" : "")}) stdout {StdoutPath} ---\n{string.Join('\n', Last(StdoutPath, lines))}\n" +
               $"--- {Name} stderr {StderrPath} ---\n{string.Join('\n', Last(StderrPath, lines / 3))}";
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [DllImport("libc", SetLastError = true)]
    private static extern int kill(int pid, int signal);
}
