// Azure Bot resource for CareBot (single-tenant app registration, the default for new bots).
// Deploy: az deployment group create -g <rg> -f manifests/azure-bot/azurebot.bicep \
//           -p botName=<name> appId=<MicrosoftAppId> tenantId=<MicrosoftAppTenantId> endpoint=https://<host>/api/messages
// Then give the web app MicrosoftAppType=SingleTenant, MicrosoftAppId, MicrosoftAppPassword, MicrosoftAppTenantId.

@description('Globally unique bot handle.')
param botName string

@description('The app registration (client) id: CareBot\'s MicrosoftAppId.')
param appId string

@description('The tenant of the app registration: CareBot\'s MicrosoftAppTenantId.')
param tenantId string = subscription().tenantId

@description('Public HTTPS messaging endpoint, ending in /api/messages.')
param endpoint string

@allowed([ 'F0', 'S1' ])
param sku string = 'F0'

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: botName
  location: 'global'
  kind: 'azurebot'
  sku: { name: sku }
  properties: {
    displayName: botName
    endpoint: endpoint
    msaAppId: appId
    msaAppType: 'SingleTenant'
    msaAppTenantId: tenantId
    schemaTransformationVersion: '1.3'
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: { isEnabled: true }
  }
}

resource directLine 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'DirectLineChannel'
  location: 'global'
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [ { siteName: 'Default Site', isEnabled: true, isV1Enabled: false, isV3Enabled: true } ]
    }
  }
}

output messagingEndpoint string = bot.properties.endpoint
