// Every benchmark class in this assembly; pick with --filter, e.g. --filter '*Srtp*' or '*AudioPipeline*' --job short.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
