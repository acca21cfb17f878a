using Portal.Load;

return await LoadProgram.RunAsync(args);
