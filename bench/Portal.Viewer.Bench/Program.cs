using Portal.Viewer.Bench;

return await ViewerBench.RunAsync(args);
