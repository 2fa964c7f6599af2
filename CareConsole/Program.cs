using CareConsole.Hosting;

if (StaffCommand.IsInvoked(args))
{
    return await StaffCommand.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(args);
if (builder.MissingPrerequisite() is { } problem)
{
    await Console.Error.WriteLineAsync(problem);
    return 1;
}
builder.AddCareConsole();

var app = builder.Build();
app.MapCareConsole();
await app.RunAsync();
return 0;
