namespace CareBot.Care.Email;

/// <summary>
/// Section <c>Smtp</c>. With no <see cref="Host"/>, emails are written as <c>.eml</c> files to <see cref="PickupFolder"/>.
/// </summary>
public sealed class SmtpOptions
{
    public const string SectionName = "Smtp";

    /// <summary>The SMTP server; empty (the default) means the pickup folder.</summary>
    public string? Host { get; set; }

    /// <summary>Default 587.</summary>
    public int Port { get; set; } = 587;

    /// <summary>Default <see cref="SmtpSecurity.StartTls"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    /// <summary>Authenticate when set.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender, e.g. <c>"Acme Care" &lt;care@example.com&gt;</c>; its domain also ends every Message-ID.</summary>
    public string From { get; set; } = "CareBot <carebot@localhost>";

    /// <summary>Connect, send and disconnect each give up after this long. Default 30 seconds.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Where emails go without SMTP, relative to the working directory. Default <c>data/mail-pickup</c>.</summary>
    public string PickupFolder { get; set; } = "data/mail-pickup";
}
