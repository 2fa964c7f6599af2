using CareConsole.Core;
using CareConsole.Core.Data;
using CareConsole.Core.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace CareConsole.Tests.Core.Staff;

public sealed class StaffPasswordsTests
{
    [Fact]
    public async Task Generate_Always_PassesTheStaffPasswordPolicy()
    {
        await using var services = StaffServices();
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { DisplayName = "Test", UserName = "t@test.example" };

        for (var i = 0; i < 200; i++)
        {
            var password = StaffPasswords.Generate();
            foreach (var validator in users.PasswordValidators)
            {
                var result = await validator.ValidateAsync(users, user, password);
                Assert.True(result.Succeeded, $"{password}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }
        }
    }

    [Fact]
    public void Generate_TwoCalls_GiveDifferentPasswords()
    {
        var passwords = Enumerable.Range(0, 100).Select(_ => StaffPasswords.Generate()).ToHashSet();

        Assert.Equal(100, passwords.Count);
    }

    [Theory]
    [InlineData("Short1A")]
    [InlineData("alllowercase123")]
    [InlineData("NoDigitsAtAllHere")]
    [InlineData("Aaaaaaaaaa1")]
    public async Task Policy_WeakPassword_IsRefused(string password)
    {
        await using var services = StaffServices();
        var users = services.GetRequiredService<UserManager<StaffUser>>();
        var user = new StaffUser { DisplayName = "Test", UserName = "t@test.example" };

        var results = await Task.WhenAll(users.PasswordValidators.Select(v => v.ValidateAsync(users, user, password)));

        Assert.Contains(results, r => !r.Succeeded);
    }

    [Theory]
    [InlineData("agent", StaffRoles.Agent)]
    [InlineData(" MANAGER ", StaffRoles.Manager)]
    [InlineData("admin", null)]
    [InlineData(null, null)]
    public void Parse_RoleName_IsCaseInsensitiveAndClosed(string? input, string? expected) =>
        Assert.Equal(expected, StaffRoles.Parse(input));

    // The staff services as the app registers them; nothing here opens a connection.
    private static ServiceProvider StaffServices()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddCareConsoleCore(new CareDatabaseSettings(DatabaseProvider.PostgreSQL, "Host=unused", "/unused", null));
        return services.BuildServiceProvider();
    }
}
