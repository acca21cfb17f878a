using Portal.Pages.Bench;

PagesBenchOptions options;
try
{
    options = PagesBenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

return options.Verb == "seed" ? await SeedCommand.RunAsync(options) : await PageTimer.RunAsync(options);
