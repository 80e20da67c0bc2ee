using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Masthead.Benchmarks;

/// <summary>
/// Masthead's micro-benchmarks: <c>bench/micro.sh</c>, or
/// <c>dotnet run -c Release --project bench/Masthead.Benchmarks -- --filter '*'</c>.
/// </summary>
public static class BenchmarkProgram
{
    public static void Main(string[] args)
    {
        // A short job, run in this process: the whole set takes minutes, not the better part of an hour, and needs no
        // second build of the app. Good enough for costs in microseconds and milliseconds; not for nanosecond deltas.
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddColumn(StatisticColumn.OperationsPerSecond)
            .AddDiagnoser(MemoryDiagnoser.Default);
        BenchmarkSwitcher.FromAssembly(typeof(BenchmarkProgram).Assembly).Run(args, config);
    }
}
