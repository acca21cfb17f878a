using Portal.Designer.Bench;

return await DesignerBench.RunAsync(args);
