using CareBot.Care.Cases;
using CareBot.Care.Stores;
using CareBot.Storage.Postgres;
using CareBot.Storage.Sql;
using CareBot.Storage.Tests.Infrastructure;
using Npgsql;

namespace CareBot.Storage.Tests.Cases;

public sealed class PostgresCaseListTests(PostgresFixture fixture) : CaseListContract(fixture), IClassFixture<PostgresFixture>
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
        var dataSource = Fixture.Get<NpgsqlDataSource>();
        await using (var analyze = dataSource.CreateCommand("ANALYZE cases;"))
        {
            await analyze.ExecuteNonQueryAsync();
        }

        await using var command = dataSource.CreateCommand();
        command.CommandText = "EXPLAIN " + SqlCaseList.Sql(PostgresEngine.Sql, command, query);
        var plan = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(reader.GetString(0));
            }
        }

        Assert.Contains(plan, line => line.Contains("ix_cases_open_", StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Sort", StringComparison.Ordinal));
    }
}
