using CareConsole.Hosting;
using CareConsole.Hosting.Benchmarks;
using CareConsole.Hosting.Evaluation;

switch (args)
{
    case ["staff", .. var staffArgs]:
        return await StaffCommand.RunAsync(staffArgs);
    case ["bench", .. var benchArgs]:
        return await BenchCommand.RunAsync(benchArgs);
    case ["eval", .. var evalArgs]:
        return await EvalCommand.RunAsync(evalArgs);
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
