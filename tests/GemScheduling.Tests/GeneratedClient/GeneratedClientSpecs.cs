using System.Reflection;
using System.Runtime.Loader;
using GemScheduling.HarvestSandbox;
using GemScheduling.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using NSwag.CodeGeneration.CSharp;
using NSwag.CodeGeneration.OperationNameGenerators;
using NJsonSchema.CodeGeneration.CSharp;

namespace GemScheduling.Tests.GeneratedClient;

/// <summary>
/// The OpenAPI document is good enough to build a client from: NSwag generates C# from /openapi/v1.json, Roslyn
/// compiles it with a small program (ClientProgram.cs) that uses only the generated types, and the program connects
/// an org to the sandbox, syncs it and books an interview.
/// </summary>
public sealed class GeneratedClientSpecs : IAsyncLifetime
{
    private readonly ApiFactory _api = new();
    private HarvestSandboxServer _sandbox = null!;

    public async Task InitializeAsync() =>
        _sandbox = await HarvestSandboxServer.StartAsync(new SandboxOptions { DemoOrg = false, LogToConsole = false });

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _sandbox.DisposeAsync();
    }

    [Fact]
    public async Task Given_a_client_generated_from_the_document_when_a_program_uses_it_then_it_connects_syncs_and_schedules()
    {
        var greenhouse = _sandbox.State.CreateOrganization(new OrganizationOptions { Seed = 23, Scale = DataScale.Demo, RateLimit = 1000 });
        greenhouse.SetV3RateLimit(1000);
        var target = greenhouse.FindSchedulingTarget()!;
        var credentials = greenhouse.CreateV3Credentials(null);
        var json = await _api.CreateClient().GetStringAsync("/openapi/v1.json");

        var code = await GenerateAsync(json);
        var program = CompileWith(code);

        var run = program.GetType("ClientProgram.Program")!.GetMethod("RunAsync", BindingFlags.Public | BindingFlags.Static)!;
        var http = _api.CreateClient();
        var outcome = await (Task<string>)run.Invoke(null, [http, ApiFactory.AdminToken, new ClientProgramSettings(
            _sandbox.BaseAddress.ToString(), credentials.ClientId, credentials.ClientSecret, greenhouse.GetUser(target.OrganizerUserId).PrimaryEmailAddress,
            target.ApplicationId, target.InterviewStepId, target.InterviewerUserIds[0], DateTimeOffset.UtcNow.Date.AddDays(3).AddHours(14))])!;

        // The program reports the schedule it made; the sandbox holds the interview it asked for.
        Assert.StartsWith("sch_", outcome);
        var interviews = greenhouse.ScheduledInterviews(target.ApplicationId, createdViaHarvest: true);
        Assert.Contains(interviews, i => i.InterviewStepId == target.InterviewStepId && i.Interviewers.Any(p => p.UserId == target.InterviewerUserIds[0]));
    }

    private static async Task<string> GenerateAsync(string json)
    {
        var document = await NSwag.OpenApiDocument.FromJsonAsync(json);
        var settings = new CSharpClientGeneratorSettings
        {
            ClassName = "{controller}Client",
            OperationNameGenerator = new MultipleClientsFromOperationIdOperationNameGenerator(),
            UseBaseUrl = false,
            GenerateClientInterfaces = false,
        };
        settings.CSharpGeneratorSettings.Namespace = "GemScheduling.Client";
        settings.CSharpGeneratorSettings.JsonLibrary = CSharpJsonLibrary.SystemTextJson;
        settings.CSharpGeneratorSettings.GenerateNullableReferenceTypes = true;
        return new CSharpClientGenerator(document, settings).GenerateFile();
    }

    private static Assembly CompileWith(string generated)
    {
        using var resource = typeof(GeneratedClientSpecs).Assembly.GetManifestResourceStream("ClientProgram.cs")!;
        var program = new StreamReader(resource).ReadToEnd();
        var references = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Append(typeof(ClientProgramSettings).Assembly.Location)
            .Distinct()
            .Select(path => MetadataReference.CreateFromFile(path));
        var compilation = CSharpCompilation.Create("GeneratedClientProgram",
            [CSharpSyntaxTree.ParseText(generated, path: "GemSchedulingClient.g.cs"), CSharpSyntaxTree.ParseText(program, path: "ClientProgram.cs")],
            references, new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        var errors = result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(20).Select(d => d.ToString());
        Assert.True(result.Success, "the generated client and the program do not compile:\n" + string.Join("\n", errors));
        image.Position = 0;
        return new AssemblyLoadContext("generated-client", isCollectible: true).LoadFromStream(image);
    }
}

/// <summary>What the program needs from the test: the sandbox's address and credentials, and what to book.</summary>
public sealed record ClientProgramSettings(
    string BaseUrl, string ClientId, string ClientSecret, string OrganizerEmail, long ApplicationId, long InterviewStepId, long InterviewerUserId, DateTimeOffset Start);
