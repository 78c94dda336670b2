using HotSpots.Benchmarks;

return args switch
{
    ["import", .. var rest] => await ImportBenchmark.RunAsync(rest),
    ["live", .. var rest] => await LiveBenchmark.RunAsync(rest),
    ["restart", .. var rest] => await RestartBenchmark.RunAsync(rest),
    ["failover", .. var rest] => await FailoverBenchmark.RunAsync(rest),
    ["heat", .. var rest] => await HeatReadBenchmark.RunAsync(rest),
    ["locate", .. var rest] => await LocateBenchmark.RunAsync(rest),
    ["alerts", .. var rest] => await AlertBenchmark.RunAsync(rest),
    ["dashboard", .. var rest] => await DashboardBenchmark.RunAsync(rest),
    ["grid", .. var rest] => await GridBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("""
        Usage:
          dotnet run -c Release --project src/HotSpots.Benchmarks -- import [--rows 1200000] [--runs 3] [--count-after] [--postgres <connection string>] [--data ../shared/data]
          dotnet run -c Release --project src/HotSpots.Benchmarks -- restart [--rows 1200000] [--runs 3] [--host <folder of another build's HotSpots.Host.dll>]
          dotnet run -c Release --project src/HotSpots.Benchmarks -- failover --postgres <connection string> [--runs 3]
          dotnet run -c Release --project src/HotSpots.Benchmarks -- heat [--read heat|grid] [--requests 1000] [--data ../shared/data]
          dotnet run -c Release --project src/HotSpots.Benchmarks -- locate [--data ../shared/data]
          dotnet run -c Release --project src/HotSpots.Benchmarks -- live [--rate 1000] [--batch 10] [--clients 50] [--seconds 20] [--warmup 5] [--nodes 3 --postgres <connection string>] [--host <folder of another build's HotSpots.Host.dll>]
          dotnet run -c Release --project src/HotSpots.Benchmarks -- alerts [--trials 300] [--seed 1] [--data ../shared/data]
          dotnet run -c Release --project src/HotSpots.Benchmarks -- dashboard [--rate 50] [--seconds 20] [--runs 3] [--data ../shared/data]
          dotnet run -c Release --project src/HotSpots.Benchmarks -- grid [--cell 250] [--runs 50] [--data ../shared/data]
        """);
    return 2;
}
