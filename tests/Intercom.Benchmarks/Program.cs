using Intercom.Benchmarks.Station;

// Every benchmark class in this assembly; pick with --filter, e.g. --filter '*Srtp*' or '*AudioPipeline*' --job short.
// The door station's latency distributions and its footprint next to baresip are measurement runs of their own:
//   station-latency [runs]        button press to INVITE, door code to relay (median, p99, ratio to the anchors)
//   station-footprint [seconds]   the service's RSS and CPU during a call next to baresip doing the same call
if (args is ["station-latency", .. var latencyArguments])
{
    return await StationLatency.RunAsync(latencyArguments);
}

if (args is ["station-footprint", .. var footprintArguments])
{
    return await StationFootprint.RunAsync(footprintArguments);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
