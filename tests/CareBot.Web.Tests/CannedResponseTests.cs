using Bunit;
using CareBot.Care.Cases;
using CareBot.Dialogs.Model;
using CareBot.Dialogs.Runtime;
using CareBot.Web.Components.Cases;
using CareBot.Web.Console;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;

namespace CareBot.Web.Tests;

/// <summary>Canned responses: "/" opens the list, what follows filters it, choosing fills the placeholders from the case.</summary>
public sealed class CannedResponseTests : BunitContext
{
    private static readonly IReadOnlyList<CannedResponse> Responses =
    [
        new() { Title = "Order delayed", Text = "Hi {customer.name}, order {captured.order} ships tomorrow. Ref {case.id}." },
        new() { Title = "Refund started", Text = "Hi {customer.name}, your refund is on its way. {agent.name}" },
        new() { Title = "Ask for photo", Text = "Could you send a photo of the {captured.item}? {unknown.thing}" },
    ];

    public CannedResponseTests()
    {
        Services.AddFluentUIComponents();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void Placeholders_are_filled_from_the_case_and_unknown_or_missing_ones_stay_visible()
    {
        var value = CaseWithOrder("A-778");

        var filled = CannedResponses.Fill(Responses[0].Text, value, "Ana Lima");
        var signed = CannedResponses.Fill(Responses[1].Text, value, "Ana Lima");
        var missing = CannedResponses.Fill(Responses[2].Text, value, "Ana Lima");

        Assert.Equal($"Hi Sam, order A-778 ships tomorrow. Ref {value.Id}.", filled);
        Assert.Equal("Hi Sam, your refund is on its way. Ana Lima", signed);
        Assert.Equal("Could you send a photo of the {captured.item}? {unknown.thing}", missing);
    }

    [Fact]
    public void Typing_slash_lists_the_responses_and_what_follows_filters_them()
    {
        var all = Render<CannedResponsePicker>(p => p.Add(c => c.Responses, Responses).Add(c => c.Typed, "/"));
        var filtered = Render<CannedResponsePicker>(p => p.Add(c => c.Responses, Responses).Add(c => c.Typed, "/REF"));
        var none = Render<CannedResponsePicker>(p => p.Add(c => c.Responses, Responses).Add(c => c.Typed, "/zzz"));
        var prose = Render<CannedResponsePicker>(p => p.Add(c => c.Responses, Responses).Add(c => c.Typed, "Hello /ref"));

        Assert.Equal("Canned responses", all.Find("[role=listbox]").GetAttribute("aria-label"));
        Assert.Equal(3, all.FindAll("[role=option]").Count);
        Assert.Equal("Refund started", Assert.Single(filtered.FindAll("[role=option] strong")).TextContent);
        Assert.Empty(none.FindAll("[role=option]"));
        Assert.Contains("No canned response matches", none.Markup, StringComparison.Ordinal);
        Assert.Empty(prose.FindAll("[role=listbox]"));
    }

    [Fact]
    public void Choosing_an_option_hands_that_response_to_the_page()
    {
        CannedResponse? chosen = null;
        var picker = Render<CannedResponsePicker>(p => p
            .Add(c => c.Responses, Responses)
            .Add(c => c.Typed, "/order")
            .Add(c => c.OnChosen, (CannedResponse r) => chosen = r));

        picker.Find("[role=option]").Click();

        Assert.Same(Responses[0], chosen);
    }

    [Fact]
    public void A_canned_response_without_title_or_text_is_a_configuration_problem()
    {
        var options = new ConsoleOptions();
        options.CannedResponses.Add(new CannedResponse { Title = "Empty" });

        Assert.Contains("Console:CannedResponses:0 needs a Title and a Text", options.Problem(), StringComparison.Ordinal);
        Assert.Null(new ConsoleOptions().Problem());
    }

    private static Case CaseWithOrder(string order)
    {
        var (value, _) = Case.Open(
            7, "key-7", new CaseCustomer("webchat", "user-7", "Sam"), new CaseOrigin(CaseOriginKind.PrivateChat, null, null, null), "care",
            Priority.Normal, "care/handoff", new Dictionary<string, CapturedValue> { ["order"] = new(CaptureType.OrderNumber, order) },
            new SlaTarget { FirstResponse = TimeSpan.FromHours(1), Resolution = TimeSpan.FromHours(8) }, TestCases.Opened);
        return value;
    }
}
