using BenchmarkDotNet.Running;

namespace Intercom.Benchmarks;

/// <summary>Entry point: <c>dotnet run -c Release --project tests/Intercom.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    public static void Main(string[] args) => BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
}
