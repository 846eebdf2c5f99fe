using Bunit;
using CareBot.Web.Components.Controls;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FluentUI.AspNetCore.Components;

namespace CareBot.Web.Tests;

/// <summary>
/// The console's button is Fluent's web component with its role stated in the DOM (ElementInternals alone is invisible
/// to DOM-based tools such as Playwright's GetByRole), a toggle's state as aria-pressed, and clicks reaching the page.
/// </summary>
public sealed class ConsoleButtonTests : BunitContext
{
    public ConsoleButtonTests()
    {
        Services.AddFluentUIComponents();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    [Fact]
    public void A_console_button_is_a_fluent_button_with_the_button_role_in_the_DOM_and_its_text_as_name()
    {
        var button = Render<ConsoleButton>(p => p.AddChildContent("Show more"));

        var host = button.Find("fluent-button");
        Assert.Equal("button", host.GetAttribute("role"));
        Assert.Equal("Show more", host.TextContent.Trim());
        Assert.Null(host.GetAttribute("aria-pressed"));
    }

    [Fact]
    public void A_toggle_says_whether_it_is_pressed()
    {
        var on = Render<ConsoleButton>(p => p.AddChildContent("Mine").Add(b => b.Pressed, true));
        var off = Render<ConsoleButton>(p => p.AddChildContent("All").Add(b => b.Pressed, false));

        Assert.Equal("true", on.Find("fluent-button").GetAttribute("aria-pressed"));
        Assert.Equal("false", off.Find("fluent-button").GetAttribute("aria-pressed"));
    }

    [Fact]
    public void A_click_reaches_the_page()
    {
        var clicks = 0;
        var button = Render<ConsoleButton>(p => p.AddChildContent("Show more").Add(b => b.OnClick, EventCallback.Factory.Create<Microsoft.AspNetCore.Components.Web.MouseEventArgs>(this, () => clicks++)));

        button.Find("fluent-button").Click();

        Assert.Equal(1, clicks);
    }
}
