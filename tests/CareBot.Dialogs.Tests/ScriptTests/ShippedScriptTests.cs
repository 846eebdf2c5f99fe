using CareBot.Dialogs.Loading;
using CareBot.Dialogs.Runtime;
using CareBot.Dialogs.ScriptTests;

namespace CareBot.Dialogs.Tests.ScriptTests;

/// <summary>
/// The scripts in dialogs/ are valid and cover the required conversations. Their embedded test conversations need the real
/// triage, so they run in CareBot.Care.Tests (ShippedDialogConversationTests).
/// </summary>
public class ShippedScriptTests
{
    private static readonly Lazy<(ScriptRegistry Registry, ScriptSetResult Result)> Shipped = new(() =>
    {
        var registry = new ScriptRegistry();
        var result = registry.LoadFolderAsync(Path.Combine(TestScripts.RepoRoot(), "dialogs"), CancellationToken.None).GetAwaiter().GetResult();
        return (registry, result);
    });

    [Fact]
    public void ShippedScripts_AreValid_WithoutWarnings()
    {
        var result = Shipped.Value.Result;

        Assert.Empty(result.Diagnostics);
        Assert.Contains(result.Scripts, s => s.Id == "care");
    }

    [Fact]
    public void CareDialog_CoversTheRequiredConversations()
    {
        var names = Shipped.Value.Result.Scripts.Single(s => s.Id == "care").Tests.Select(t => t.Name).ToList();

        Assert.Superset(
            new HashSet<string> { "calm private question", "angry SHOUTING public post with an order number in it", "customer who refuses to give details", "invalid email three times", "customer who asks for a human straight away", "customer who keeps venting",
                "public praise gets a thank-you and no private chat", "a general public question gets a short public answer",
                "a public question the script can't answer is offered help in private, without an apology", "a post in another language goes to a person",
                "an off-topic public post gets no reply", "a calm public complaint about a late order gets a specific apology and a private look-up of the order",
                "an angry public complaint about a late order vents first in private (real triage)",
                "without the order system the bot says it can't see order details and hands over", "an order the order system doesn't know goes to a person" },
            names.ToHashSet());
    }

    [Theory]
    [InlineData("my account number is 55512", "55512")]
    [InlineData("Account no. 4417-22", "4417-22")]
    [InlineData("booking ref XY7788 please", "XY7788")]
    [InlineData("customer ID: C99812", "C99812")]
    [InlineData("they refunded 2000 to the wrong card", null)]       // "ref" inside a word
    [InlineData("I've been a customer since 2019", null)]            // no number after the word
    [InlineData("my account was charged twice", null)]
    [InlineData("order reference AB-123456", null)]                   // an order number is the order spot's
    public void CareDialog_TheVentSpotsAnAccountOrBookingNumber_AndNothingElse(string message, string? expected)
    {
        var care = Shipped.Value.Result.Scripts.Single(s => s.Id == "care");
        var account = care.Nodes.OfType<Model.ListenNode>().Single(n => n.Id == "vent").SpotCaptures.Single(c => c.Name == "account");

        var found = CareBot.Dialogs.Capture.CaptureParser.TryFind(account, message, out var value);

        Assert.Equal(expected, found ? value.Text : null);
    }

    [Fact]
    public void CareDialog_AMessageInAnotherLanguage_IsHandedOffAtNormalPriorityAtLeast()
    {
        // Triage reads English only: "my order hasn't arrived and nobody answers" in Spanish scores as calm, low.
        var driver = new ConversationDriver(new DialogRuntime(Shipped.Value.Registry), "care");
        var unreadable = TriageAnnotations.None with { Priority = Model.Priority.Low, Language = "es" };

        var turn = driver.Say("Hola, mi pedido no ha llegado y nadie responde", unreadable);

        var handoff = Assert.Single(turn.Effects.OfType<HandoffEffect>());
        Assert.Equal(Model.Priority.Normal, handoff.Priority);
    }

    [Theory]
    [InlineData("ORDER AB-123456 NEVER CAME, email me at sam@example.com or call +44 7700 900123!!!")]
    [InlineData("where is AB-654321")]
    public void CareDialog_PublicReplies_NeverExposeWhatTheCustomerPosted(string post)
    {
        var driver = new ConversationDriver(new DialogRuntime(Shipped.Value.Registry), "care", startPublic: true);
        var signals = TriageAnnotations.None with { Signals = new HashSet<string> { "shouting", "complaint", "pii" }, Sentiment = -0.9 };

        var first = driver.Say(post, signals);
        driver.IsPublic = true;
        var second = driver.Say(post, signals);
        driver.IsPublic = true;
        var third = driver.Event(DialogEvents.OfflineFailed);

        var publicReplies = first.Replies.Concat(second.Replies).Concat(third.Replies).Where(r => r.IsPublic).Select(r => r.Text).ToList();
        Assert.Equal(DialogRuntime.MaxPublicRepliesPerThread, publicReplies.Count); // the acknowledgment and the pointer; then nothing more in public
        foreach (var secret in new[] { "AB-123456", "AB-654321", "sam@example.com", "7700" })
        {
            Assert.DoesNotContain(publicReplies, r => r.Contains(secret, StringComparison.OrdinalIgnoreCase));
        }
    }
}
