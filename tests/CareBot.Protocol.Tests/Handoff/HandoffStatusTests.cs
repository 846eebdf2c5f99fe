using CareBot.Protocol.Handoff;
using CareBot.Protocol.Schema;

namespace CareBot.Protocol.Tests.Handoff;

public sealed class HandoffStatusTests
{
    private static Activity Inbound(string json) => ActivityJson.Deserialize<Activity>(json)!;

    [Theory]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": { "state": "accepted" } }""", "accepted", null)]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": { "state": "failed", "message": "No agent with skill deliveries" } }""", "failed", "No agent with skill deliveries")]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": { "state": "completed", "message": null } }""", "completed", null)]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": { "State": "accepted", "Message": "queued" } }""", "accepted", "queued")]
    [InlineData("""{ "type": "event", "name": "handoff.status", "conversation": { "id": "c1" }, "value": { "state": "failed", "extra": 1 } }""", "failed", null)]
    public void A_well_formed_status_is_read(string json, string state, string? message)
    {
        var read = HandoffStatus.TryRead(Inbound(json), out var status);

        Assert.True(read);
        Assert.Equal(new HandoffStatus(state, message), status);
    }

    [Theory]
    [InlineData("""{ "type": "message", "name": "handoff.status", "value": { "state": "accepted" } }""")]
    [InlineData("""{ "type": "event", "name": "handoff.initiate", "value": { "state": "accepted" } }""")]
    [InlineData("""{ "type": "event", "value": { "state": "accepted" } }""")]
    [InlineData("""{ "type": "event", "name": "handoff.status" }""")]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": null }""")]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": "accepted" }""")]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": [ { "state": "accepted" } ] }""")]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": {} }""")]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": { "message": "hi" } }""")]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": { "state": null } }""")]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": { "state": 1 } }""")]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": { "state": "" } }""")]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": { "state": "timedOut" } }""")]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": { "state": "Accepted" } }""")]
    [InlineData("""{ "type": "event", "name": "handoff.status", "value": { "state": "accepted", "message": { "text": "x" } } }""")]
    [InlineData("""{ "type": "event", "name": "Handoff.Status", "value": { "state": "accepted" } }""")]
    public void Anything_malformed_is_rejected_without_throwing(string json)
    {
        var read = HandoffStatus.TryRead(Inbound(json), out var status);

        Assert.False(read);
        Assert.Null(status);
    }

    [Fact]
    public void A_status_built_in_code_is_read_back()
    {
        var activity = new Activity
        {
            Type = ActivityTypes.Event,
            Name = HandoffEventNames.Status,
            Value = System.Text.Json.JsonSerializer.SerializeToElement(new { state = HandoffStates.Completed, message = "resolved by agent" }),
        };

        Assert.True(HandoffStatus.TryRead(ActivityJson.Deserialize<Activity>(ActivityJson.Serialize(activity))!, out var status));
        Assert.Equal(HandoffStates.Completed, status.State);
        Assert.Equal("resolved by agent", status.Message);
    }

    [Fact]
    public void Only_the_three_documented_states_are_known()
    {
        Assert.Equal("handoff.initiate", HandoffEventNames.Initiate);
        Assert.Equal("handoff.status", HandoffEventNames.Status);
        Assert.True(HandoffStates.IsKnown("accepted"));
        Assert.True(HandoffStates.IsKnown("failed"));
        Assert.True(HandoffStates.IsKnown("completed"));
        Assert.False(HandoffStates.IsKnown("transferBack"));
        Assert.False(HandoffStates.IsKnown(null));
    }
}
