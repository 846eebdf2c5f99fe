namespace CareBot.Protocol.Tests.Schema;

/// <summary>
/// Realistic inbound activities, one per channel, written from the protocol reference (not captured traffic). Each
/// carries fields CareBot's schema doesn't name, at several levels, which must survive a round trip. Timestamps are in
/// the canonical form the serializer writes (UTC with Z, trailing fraction zeros trimmed).
/// </summary>
internal static class ChannelSamples
{
    public const string TeamsChannelMessage = """
        {
          "type": "message",
          "id": "1732284191512",
          "timestamp": "2026-11-22T14:03:11.512Z",
          "localTimestamp": "2026-11-22T15:03:11.4+01:00",
          "localTimezone": "Europe/Berlin",
          "serviceUrl": "https://smba.trafficmanager.net/emea/",
          "channelId": "msteams",
          "from": { "id": "29:1a2bC3dE4fG", "name": "Ana Ruiz", "aadObjectId": "6b1f8d0e-3c2a-4c55-9a1e-7f3b2d9c1e44", "userPrincipalName": "ana@brand.example" },
          "conversation": { "isGroup": true, "conversationType": "channel", "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "id": "19:abc123@thread.tacv2;messageid=1732284191512", "name": "Support" },
          "recipient": { "id": "28:2c7b1c8e-6a0e-4a43-9f5e-0c9d1b2a3f44", "name": "CareBot" },
          "textFormat": "plain",
          "locale": "en-US",
          "text": "<at>CareBot</at> my parcel never arrived",
          "attachments": [ { "contentType": "text/html", "content": "<div><at id=\"0\">CareBot</at> my parcel never arrived</div>" } ],
          "entities": [
            { "type": "mention", "mentioned": { "id": "28:2c7b1c8e-6a0e-4a43-9f5e-0c9d1b2a3f44", "name": "CareBot" }, "text": "<at>CareBot</at>" },
            { "type": "clientInfo", "locale": "en-US", "country": "US", "platform": "Web", "timezone": "Europe/Berlin" }
          ],
          "channelData": {
            "teamsChannelId": "19:abc123@thread.tacv2",
            "teamsTeamId": "19:team456@thread.tacv2",
            "channel": { "id": "19:abc123@thread.tacv2" },
            "team": { "id": "19:team456@thread.tacv2" },
            "tenant": { "id": "72f988bf-86f1-41af-91ab-2d7cd011db47" }
          }
        }
        """;

    public const string SlackMessage = """
        {
          "type": "message",
          "id": "a1b2c3d4-1111-2222-3333-444455556666",
          "timestamp": "2026-11-22T14:05:00.25Z",
          "serviceUrl": "https://slack.botframework.com/",
          "channelId": "slack",
          "from": { "id": "U0123ABCD:T0456EFGH", "name": "ana" },
          "conversation": { "isGroup": false, "id": "B0789IJKL:T0456EFGH:D0ABCDEFG" },
          "recipient": { "id": "B0789IJKL:T0456EFGH", "name": "carebot" },
          "text": "where is my refund?",
          "channelData": {
            "SlackMessage": {
              "token": "verification-token",
              "team_id": "T0456EFGH",
              "api_app_id": "A0111AAAA",
              "event": { "type": "message", "user": "U0123ABCD", "text": "where is my refund?", "ts": "1732284300.000200", "channel": "D0ABCDEFG", "channel_type": "im", "blocks": [ { "type": "rich_text", "block_id": "x1Y2" } ] },
              "type": "event_callback",
              "event_id": "Ev0123456789",
              "event_time": 1732284300
            },
            "ApiToken": "xoxb-not-a-real-token"
          }
        }
        """;

    public const string FacebookMessage = """
        {
          "type": "message",
          "id": "m_AbCdEfGhIjKlMnOp",
          "timestamp": "2026-11-22T14:06:42.907Z",
          "serviceUrl": "https://facebook.botframework.com/",
          "channelId": "facebook",
          "from": { "id": "2468013579246801", "name": "Ana Ruiz" },
          "conversation": { "isGroup": false, "id": "2468013579246801-1357924680135792" },
          "recipient": { "id": "1357924680135792", "name": "Brand Care" },
          "text": "still waiting for my order #A-10293",
          "channelData": {
            "sender": { "id": "2468013579246801" },
            "recipient": { "id": "1357924680135792" },
            "timestamp": 1732284402907,
            "message": { "mid": "m_AbCdEfGhIjKlMnOp", "text": "still waiting for my order #A-10293", "nlp": { "entities": {} } }
          }
        }
        """;

    public const string WebChatMessage = """
        {
          "type": "message",
          "id": "8aF3kQ-us|0000003",
          "timestamp": "2026-11-22T14:03:11.512Z",
          "localTimestamp": "2026-11-22T09:03:11.4-05:00",
          "localTimezone": "America/New_York",
          "serviceUrl": "https://webchat.botframework.com/",
          "channelId": "webchat",
          "from": { "id": "dl_4f1c", "name": "Ana", "role": "user" },
          "conversation": { "id": "8aF3kQ-us" },
          "recipient": { "id": "carebot@abc", "name": "CareBot" },
          "locale": "en-US",
          "textFormat": "plain",
          "text": "my parcel never arrived",
          "attachments": [],
          "entities": [ { "type": "ClientCapabilities", "requiresBotState": true, "supportsListening": true, "supportsTts": true } ],
          "channelData": { "clientActivityID": "1732266191400x9abc", "clientTimestamp": "2026-11-22T14:03:11.400Z" }
        }
        """;

    public const string EmulatorConversationUpdate = """
        {
          "type": "conversationUpdate",
          "id": "f2a0e7b0-a8d8-11ef-9c6e-3b1f2a9c8d11",
          "timestamp": "2026-11-22T14:00:00.001Z",
          "localTimestamp": "2026-11-22T15:00:00+01:00",
          "serviceUrl": "http://localhost:52514",
          "channelId": "emulator",
          "from": { "id": "5e6f7a8b-user", "name": "User", "role": "user" },
          "conversation": { "id": "e1d2c3b4-a5f6-11ef-8c3b-6d1c2b3a4f5e|livechat" },
          "recipient": { "id": "3c4d5e6f-bot", "name": "Bot", "role": "bot" },
          "membersAdded": [ { "id": "3c4d5e6f-bot", "name": "Bot" }, { "id": "5e6f7a8b-user", "name": "User" } ],
          "membersRemoved": [],
          "channelData": { "clientActivityID": "17322660000010.abc123" }
        }
        """;

    public const string TeamsInvoke = """
        {
          "type": "invoke",
          "id": "f:6b8f3c0a-0d1e-4f2a-9c3b-1a2b3c4d5e6f",
          "timestamp": "2026-11-22T14:10:05.3Z",
          "serviceUrl": "https://smba.trafficmanager.net/amer/",
          "channelId": "msteams",
          "from": { "id": "29:1a2bC3dE4fG", "name": "Ana Ruiz", "aadObjectId": "6b1f8d0e-3c2a-4c55-9a1e-7f3b2d9c1e44" },
          "conversation": { "conversationType": "personal", "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "id": "a:1xYzPersonalChat" },
          "recipient": { "id": "28:2c7b1c8e-6a0e-4a43-9f5e-0c9d1b2a3f44", "name": "CareBot" },
          "locale": "en-GB",
          "name": "adaptiveCard/action",
          "value": { "action": { "type": "Action.Execute", "verb": "escalate", "data": { "caseId": "C-42", "priority": 2, "tags": ["late", "refund"] } }, "trigger": "manual" },
          "replyToId": "1732284191999",
          "channelData": { "tenant": { "id": "72f988bf-86f1-41af-91ab-2d7cd011db47" }, "source": { "name": "message" }, "legacy": { "replyToId": "1:abc" } }
        }
        """;

    public const string MessageReaction = """
        {
          "type": "messageReaction",
          "id": "1732284500123",
          "timestamp": "2026-11-22T14:08:20.123Z",
          "serviceUrl": "https://smba.trafficmanager.net/amer/",
          "channelId": "msteams",
          "from": { "id": "29:1a2bC3dE4fG", "aadObjectId": "6b1f8d0e-3c2a-4c55-9a1e-7f3b2d9c1e44" },
          "conversation": { "conversationType": "personal", "tenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47", "id": "a:1xYzPersonalChat" },
          "recipient": { "id": "28:2c7b1c8e-6a0e-4a43-9f5e-0c9d1b2a3f44", "name": "CareBot" },
          "reactionsAdded": [ { "type": "like", "createdDateTime": "2026-11-22T14:08:20Z" } ],
          "reactionsRemoved": [ { "type": "heart" } ],
          "replyToId": "1732284191999",
          "channelData": { "tenant": { "id": "72f988bf-86f1-41af-91ab-2d7cd011db47" }, "legacy": { "replyToId": "1:xyz" } }
        }
        """;

    public const string BotReplyWithCardAndSuggestions = """
        {
          "type": "message",
          "from": { "id": "carebot@abc", "name": "CareBot", "role": "bot" },
          "recipient": { "id": "dl_4f1c", "name": "Ana" },
          "conversation": { "id": "8aF3kQ-us" },
          "replyToId": "8aF3kQ-us|0000003",
          "locale": "en-US",
          "text": "Sorry to hear that. Can you share the order number?",
          "speak": "Sorry to hear that.",
          "inputHint": "expectingInput",
          "attachmentLayout": "carousel",
          "importance": "high",
          "expiration": "2026-11-23T14:03:11Z",
          "summary": "Asked for the order number",
          "attachments": [
            { "contentType": "application/vnd.microsoft.card.hero", "name": "help", "thumbnailUrl": "https://brand.example/t.png", "content": { "title": "Order help", "buttons": [ { "type": "openUrl", "title": "Track", "value": "https://brand.example/track" } ] }, "x-brand-layout": "compact" }
          ],
          "suggestedActions": { "to": ["dl_4f1c"], "actions": [ { "type": "imBack", "title": "I don't have it", "value": "I don't have it", "x-style": "secondary" }, { "type": "postBack", "title": "Talk to a person", "value": { "intent": "handoff" }, "channelData": { "a": 1 } } ], "x-hint": 1 },
          "relatesTo": { "activityId": "1", "user": { "id": "u" }, "bot": { "id": "b" }, "conversation": { "id": "c" }, "channelId": "webchat", "serviceUrl": "https://webchat.botframework.com/", "x-origin": "case" },
          "listenFor": ["yes", "no"],
          "textHighlights": [ { "text": "order", "occurrence": 1, "x-hl": true } ],
          "semanticAction": { "id": "askOrder", "state": "continue", "entities": { "order": { "type": "order", "value": null } }, "x-sa": 2 },
          "deliveryMode": "normal",
          "valueType": "application/vnd.carebot.prompt",
          "value": { "prompt": "order", "attempt": 1, "nested": { "list": [1, 2.5, true, null, "x"] } },
          "x-carebot-trace": "t-1"
        }
        """;
}
