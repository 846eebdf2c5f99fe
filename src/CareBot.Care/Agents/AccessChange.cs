namespace CareBot.Care.Agents;

/// <summary>How a change of an account's role or disabled flag that must keep an admin ended.</summary>
public enum AccessChange
{
    /// <summary>The account changed (or already was as asked).</summary>
    Done,

    /// <summary>There is no account with that user name.</summary>
    NoSuchAccount,

    /// <summary>Refused: the account is the last enabled admin, and nobody could open the admin pages afterwards.</summary>
    WouldLeaveNoAdmin,
}
