using Bunit;
using CareBot.Dialogs.Validation;
using CareBot.Web.Components.Studio;

namespace CareBot.Web.Tests.Studio;

/// <summary>
/// The script editor alone: problems sit at their line (the textarea's gutter, or Monaco's markers once it started) and
/// in the "Problems" list; typing raises the text. Without a module answering (loose JS interop) Monaco does not start
/// and the textarea stays, as when Monaco cannot be loaded.
/// </summary>
public sealed class ScriptEditorTests : BunitContext
{
    private const string Text = "dialog: hello\nstart: greet\nnodes:\n  - id: greet\n    goto: nowhere\n";

    public ScriptEditorTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    [Fact]
    public void A_problem_is_marked_at_its_line_and_listed_with_file_line_and_column()
    {
        var problem = new Diagnostic("dialogs/hello.yaml", 5, 11, DiagnosticSeverity.Error, "DLG006", "'goto' goes to 'nowhere'", "use a node id");

        var editor = Render<ScriptEditor>(p => p.Add(e => e.Text, Text).Add(e => e.Diagnostics, [problem]).Add(e => e.File, "hello.yaml"));

        Assert.NotNull(editor.Find("[role=region][aria-label='Script editor'] textarea[aria-label='Script source']"));
        Assert.Equal(["5"], editor.FindAll(".gutter .line.error").Select(l => l.GetAttribute("data-line")));
        var listed = editor.Find("ul[aria-label='Problems'] li.error");
        Assert.Contains("hello.yaml:5:11", listed.TextContent, StringComparison.Ordinal);
        Assert.Contains("'goto' goes to 'nowhere'", listed.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_problems_the_list_is_empty_and_says_so()
    {
        var editor = Render<ScriptEditor>(p => p.Add(e => e.Text, Text));

        Assert.Empty(editor.FindAll("ul[aria-label='Problems'] li"));
        Assert.Empty(editor.FindAll(".gutter .line.error"));
        Assert.Equal(6, editor.FindAll(".gutter .line").Count);
        Assert.Contains("No problems.", editor.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Typing_raises_the_whole_text()
    {
        string? raised = null;
        var editor = Render<ScriptEditor>(p => p.Add(e => e.Text, Text).Add(e => e.TextChanged, (string t) => raised = t));

        editor.Find("textarea").Input(Text + "# more\n");

        Assert.Equal(Text + "# more\n", raised);
    }

    [Fact]
    public void Problems_of_other_files_are_listed_but_not_marked_in_this_file()
    {
        var elsewhere = new Diagnostic("dialogs/other.yaml", 2, 1, DiagnosticSeverity.Error, "DLG001", "broken", "fix it");

        var editor = Render<ScriptEditor>(p => p.Add(e => e.Text, Text).Add(e => e.Diagnostics, [elsewhere]).Add(e => e.File, "hello.yaml"));

        Assert.Empty(editor.FindAll(".gutter .line.error"));
        Assert.Contains("other.yaml:2:1", editor.Find("ul[aria-label='Problems']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Once_Monaco_starts_the_textarea_goes_and_this_file_s_problems_become_markers_at_line_and_column()
    {
        var module = JSInterop.SetupModule("./_content/CareBot.Web/studio-editor.js");
        module.Setup<bool>("create", _ => true).SetResult(true);
        module.SetupVoid("setMarkers", _ => true).SetVoidResult();
        var here = new Diagnostic("dialogs/hello.yaml", 5, 11, DiagnosticSeverity.Error, "DLG006", "'goto' goes to 'nowhere'", "use a node id");
        var elsewhere = new Diagnostic("dialogs/other.yaml", 2, 1, DiagnosticSeverity.Error, "DLG001", "broken", "fix it");

        var editor = Render<ScriptEditor>(p => p.Add(e => e.Text, Text).Add(e => e.Diagnostics, [here, elsewhere]).Add(e => e.File, "hello.yaml"));

        editor.WaitForAssertion(() => Assert.Empty(editor.FindAll("textarea")));
        var call = Assert.Single(module.Invocations["setMarkers"]);
        var sent = Assert.IsAssignableFrom<System.Collections.IEnumerable>(call.Arguments[1]).Cast<object>().ToList();
        var marker = Assert.Single(sent);
        Assert.Equal(5, (int)marker.GetType().GetProperty("line")!.GetValue(marker)!);
        Assert.Equal(11, (int)marker.GetType().GetProperty("column")!.GetValue(marker)!);
        Assert.Equal(2, editor.FindAll("ul[aria-label='Problems'] li.error").Count);
    }
}
