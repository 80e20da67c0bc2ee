using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Masthead.Tests.Infrastructure.Services.TestServicesFramework", "Masthead.Tests")]

namespace Masthead.Tests.Infrastructure.Services;

/// <summary>
/// xunit's own framework, which also stops the test services this run started (<see cref="TestServices"/>) once every
/// test has run. xunit v2 has no assembly fixture; the assembly runner's last step before it reports the run finished
/// is the hook that the runner waits for (the framework's own disposal is fire-and-forget, too late for the test host).
/// </summary>
public sealed class TestServicesFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName assemblyName, ISourceInformationProvider sourceInformation, IMessageSink diagnostics)
        : XunitTestFrameworkExecutor(assemblyName, sourceInformation, diagnostics)
    {
        protected override async void RunTestCases(
            IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        {
            using var runner = new Runner(TestAssembly, testCases, DiagnosticMessageSink, executionMessageSink, executionOptions);
            await runner.RunAsync();
        }
    }

    private sealed class Runner(
        ITestAssembly testAssembly, IEnumerable<IXunitTestCase> testCases, IMessageSink diagnostics,
        IMessageSink executionMessageSink, ITestFrameworkExecutionOptions executionOptions)
        : XunitTestAssemblyRunner(testAssembly, testCases, diagnostics, executionMessageSink, executionOptions)
    {
        protected override async Task BeforeTestAssemblyFinishedAsync()
        {
            await Task.Run(TestServices.StopStarted);
            await base.BeforeTestAssemblyFinishedAsync();
        }
    }
}
