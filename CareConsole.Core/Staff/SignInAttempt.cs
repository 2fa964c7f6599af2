namespace CareConsole.Core.Staff;

/// <summary>One staff sign-in attempt: which e-mail was tried, from where, and whether the password was right.</summary>
public sealed class SignInAttempt
{
    private SignInAttempt()
    {
    }

    public long Id { get; private set; }

    /// <summary>The e-mail as typed, normalised; also for addresses that belong to no one.</summary>
    public string Email { get; private set; } = "";

    public string Client { get; private set; } = "";
    public bool Succeeded { get; private set; }
    public DateTimeOffset At { get; private set; }

    internal static SignInAttempt Create(string email, string client, bool succeeded, DateTimeOffset at) =>
        new() { Email = email, Client = client, Succeeded = succeeded, At = at };
}
