using Portal.Bench;

var options = BenchOptions.Parse(args);
if (options.Error is { } error)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

return await BenchProgram.RunAsync(options, args, CancellationToken.None);
