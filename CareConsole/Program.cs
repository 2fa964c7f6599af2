using CareConsole.Core.Data;
using CareConsole.Hosting;
using CareConsole.Hosting.Benchmarks;
using CareConsole.Hosting.Evaluation;
using CareConsole.Hosting.Training;

switch (args)
{
    case ["staff", .. var staffArgs]:
        return await StaffCommand.RunAsync(staffArgs);
    case ["backup", .. var backupArgs]:
        return await BackupCommand.RunAsync(backupArgs);
    case ["bench", .. var benchArgs]:
        return await BenchCommand.RunAsync(benchArgs);
    case ["eval", .. var evalArgs]:
        return await EvalCommand.RunAsync(evalArgs);
    case ["train", .. var trainArgs]:
        return await TrainCommand.RunAsync(trainArgs);
}

var builder = WebApplication.CreateBuilder(args);
if (builder.MissingPrerequisite() is { } problem)
{
    await Console.Error.WriteLineAsync(problem);
    return 1;
}
builder.AddCareConsole();

var app = builder.Build();
try
{
    // Before anything starts, so a database another console holds ends the start with one line, not a stack trace.
    await app.Services.GetRequiredService<CareDatabase>().StartAsync(isApp: true, CancellationToken.None);
}
catch (DatabaseUnavailableException e)
{
    await Console.Error.WriteLineAsync(e.Message);
    return 1;
}
app.MapCareConsole();
await app.RunAsync();
return 0;
