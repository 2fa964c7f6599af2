namespace CareConsole.Core.Customers;

/// <summary>The paid membership ("MelaMart Plus"), or none.</summary>
public sealed record Membership(MembershipPlan Plan, DateOnly? Since, DateOnly? RenewsOn)
{
    public static Membership None { get; } = new(MembershipPlan.None, null, null);

    public static Membership Plus(DateOnly since, DateOnly renewsOn) => new(MembershipPlan.Plus, since, renewsOn);

    public bool IsActive => Plan != MembershipPlan.None;
}

public enum MembershipPlan
{
    None,
    Plus,
}
