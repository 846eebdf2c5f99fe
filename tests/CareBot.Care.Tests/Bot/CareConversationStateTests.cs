using CareBot.Care.Bot;
using CareBot.Care.Cases;
using CareBot.Care.Conversations;
using CareBot.Dialogs.Runtime;
using CareBot.Protocol.Schema;

namespace CareBot.Care.Tests.Bot;

public sealed class CareConversationStateTests
{
    [Fact]
    public void A_state_stored_by_an_earlier_version_with_processed_activity_ids_still_reads()
    {
        var copy = CareConversationState.FromJson("""{"linkedConversationId":"dm-1","processedActivityIds":["a1","a2"]}""");

        Assert.Equal("dm-1", copy.LinkedConversationId);
        Assert.DoesNotContain("processed", copy.ToJson(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Its_transcript_drops_the_oldest_lines_beyond_the_character_budget()
    {
        var at = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        CaseMessage Line(string text) => new(at, CaseThread.Private, CaseAuthor.Customer, null, text);
        var state = new CareConversationState();
        for (var i = 0; i < 10; i++)
        {
            state = state.WithLines([Line(i + new string('x', 5_000))]);
        }

        Assert.True(state.Lines.Sum(l => l.Text.Length) <= CareConversationState.RememberedCharacters);
        Assert.Equal('9', state.Lines[^1].Text[0]);
        Assert.Equal(3, state.Lines.Count);
    }

    [Fact]
    public void Its_transcript_always_keeps_the_newest_line_however_long()
    {
        var at = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        var huge = new string('y', CareConversationState.RememberedCharacters * 4);

        var state = new CareConversationState().WithLines([new CaseMessage(at, CaseThread.Private, CaseAuthor.Customer, null, "hello")])
            .WithLines([new CaseMessage(at, CaseThread.Private, CaseAuthor.Customer, null, huge)]);

        Assert.Equal([huge], state.Lines.Select(l => l.Text));
    }

    [Fact]
    public void It_round_trips_through_json_with_the_dialog_and_the_reference()
    {
        var dialog = new DialogState
        {
            ScriptId = "care",
            Versions = new Dictionary<string, string> { ["care"] = "abc123" },
            Status = DialogStatus.Waiting,
            Stack = [new DialogFrame("care", "abc123", "vent")],
            Captured = new Dictionary<string, CapturedValue> { ["order"] = new(Dialogs.Model.CaptureType.OrderNumber, "AB-123456", null, null) },
            Turn = 3,
        };
        var state = new CareConversationState
        {
            Dialog = dialog,
            Reference = new ConversationReference
            {
                ChannelId = "msteams",
                ServiceUrl = "https://smba.trafficmanager.net/amer/",
                Conversation = new ConversationAccount("a:1;messageid=2") { TenantId = "t1" },
                User = new ChannelAccount("29:u", "Ana"),
                Bot = new ChannelAccount("28:b", "CareBot"),
            },
            LinkedConversationId = "19:wall@thread.skype",
        };

        var copy = CareConversationState.FromJson(state.ToJson());

        Assert.Equal("vent", copy.Dialog!.ActiveNode);
        Assert.Equal(DialogStatus.Waiting, copy.Dialog.Status);
        Assert.Equal("AB-123456", copy.Dialog.Captured["order"].Text);
        Assert.Equal("https://smba.trafficmanager.net/amer/", copy.Reference!.ServiceUrl);
        Assert.Equal("t1", copy.Reference.Conversation!.TenantId);
        Assert.Equal("19:wall@thread.skype", copy.LinkedConversationId);
    }

    [Fact]
    public void Its_utf8_document_is_the_text_document_and_reads_the_same()
    {
        var at = new DateTimeOffset(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);
        var state = new CareConversationState { OpenCaseId = "C-1042" }
            .WithLines([new CaseMessage(at, CaseThread.Private, CaseAuthor.Customer, null, "Zoë says \"réglé\" 👍 <b>&</b>")]);

        var utf8 = state.ToUtf8Json();

        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(state.ToJson()), utf8);
        Assert.Equal(CareConversationState.FromJson(state.ToJson()).ToJson(), CareConversationState.FromJson(utf8).ToJson());
        Assert.Equal("Zoë says \"réglé\" 👍 <b>&</b>", CareConversationState.FromJson(utf8).Lines[0].Text);
    }

    [Fact]
    public void Keys_separate_channels_and_conversations()
    {
        Assert.NotEqual(CareConversationState.KeyOf("webchat", "c1"), CareConversationState.KeyOf("msteams", "c1"));
        Assert.NotEqual(CareConversationState.KeyOf("webchat", "c1"), CareConversationState.KeyOf("webchat", "c2"));
    }
}
