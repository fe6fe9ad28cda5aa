using FinanceMatch.Api.Infrastructure;
using Npgsql;

namespace FinanceMatch.Api.Features.Lists;

/// <summary>
/// Applies a list's batch inside the feed pipeline's transaction (<see cref="Feeds.ProcessBatch"/>): the members it
/// names join the list (with replace, the others leave), the list's count is refreshed, and the banks subscribed to it
/// are told of the new members that have consented to them (<c>listMembersAdded</c>), all committed with the batch.
/// </summary>
public static class ListMembership
{
    public static async Task<int> ApplyBatchAsync(
        NpgsqlConnection connection,
        string staging,
        Guid listId,
        bool replace,
        Guid batchId,
        DateTimeOffset now,
        CancellationToken ct
    )
    {
        // Two lists' batches wait for each other, so a replace never interleaves with an append of the same list.
        await Sql.ExecuteAsync(connection, "SELECT id FROM financematch.lists WHERE id = $1 FOR UPDATE", ct, listId);
        var added = await Sql.QueryAsync(
            connection,
            Sql.Load("Lists.ApplyListMembers", ("staging", staging)),
            reader => reader.GetString(0),
            ct,
            listId,
            batchId,
            now,
            replace
        );
        await Sql.ExecuteAsync(
            connection,
            """
            UPDATE financematch.lists
            SET member_count = (SELECT count(*) FROM financematch.list_members WHERE list_id = $1), updated_at = $2
            WHERE id = $1
            """,
            ct,
            listId,
            now
        );
        if (added.Count > 0)
            await Sql.ExecuteAsync(
                connection,
                Sql.Load("Lists.AddListMembersAddedDeliveries"),
                ct,
                listId,
                added.ToArray(),
                now,
                batchId,
                DateOnly.FromDateTime(now.UtcDateTime)
            );
        return added.Count;
    }
}
