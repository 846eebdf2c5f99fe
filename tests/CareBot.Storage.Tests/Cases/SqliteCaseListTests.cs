using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Storage.Sql;
using CareBot.Storage.Sqlite;
using CareBot.Storage.Tests.Infrastructure;

namespace CareBot.Storage.Tests.Cases;

public sealed class SqliteCaseListTests(SqliteFixture fixture) : CaseListContract(fixture), IClassFixture<SqliteFixture>
{
    public static TheoryData<string> Views => new() { "all", "unassigned", "mine" };

    [Theory]
    [MemberData(nameof(Views))]
    public async Task An_inbox_page_walks_an_open_case_index_without_sorting(string view)
    {
        await SeedAsync();
        var query = view switch
        {
            "unassigned" => new CaseListQuery([CaseStatus.Queued], ["care", "billing"]),
            "mine" => new CaseListQuery([CaseStatus.Assigned, CaseStatus.WaitingOnCustomer], null, "ana"),
            _ => new CaseListQuery([CaseStatus.Queued, CaseStatus.Assigned, CaseStatus.WaitingOnCustomer]),
        };
        var connection = await Fixture.Get<SqliteDatabase>().OpenAsync(CancellationToken.None);
        await using (connection)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "EXPLAIN QUERY PLAN " + SqlCaseList.Sql(SqliteEngine.Sql, command, query);
            var plan = new List<string>();
            using (var reader = await command.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    plan.Add(reader.GetString(3));
                }
            }

            Assert.Contains(plan, line => line.Contains("USING INDEX ix_cases_open_", StringComparison.Ordinal));
            Assert.DoesNotContain(plan, line => line.Contains("TEMP B-TREE", StringComparison.Ordinal));
        }
    }
}
